// One SQLite file per simulator: a record table keyed by datatype and id (the record as JSON),
// the id sequences, and a few settings. In memory when no file is given.
import Database from 'better-sqlite3';

export class SimulatorDatabase {
  readonly #sqlite: Database.Database;
  readonly #statements;
  readonly #sequences = new Map<string, number>();

  constructor(file?: string) {
    this.#sqlite = new Database(file ?? ':memory:');
    if (file) this.#sqlite.pragma('journal_mode = WAL');
    this.#sqlite.exec(`
      CREATE TABLE IF NOT EXISTS records (datatype TEXT NOT NULL, id INTEGER NOT NULL, data TEXT NOT NULL,
        PRIMARY KEY (datatype, id));
      CREATE TABLE IF NOT EXISTS sequences (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
    `);
    this.#statements = {
      load: this.#sqlite.prepare<[string], { data: string }>(
        'SELECT data FROM records WHERE datatype = ? ORDER BY id',
      ),
      save: this.#sqlite.prepare('INSERT OR REPLACE INTO records (datatype, id, data) VALUES (?, ?, ?)'),
      remove: this.#sqlite.prepare('DELETE FROM records WHERE datatype = ? AND id = ?'),
      sequence: this.#sqlite.prepare<[string], { value: number }>(
        'SELECT value FROM sequences WHERE name = ?',
      ),
      setSequence: this.#sqlite.prepare('INSERT OR REPLACE INTO sequences (name, value) VALUES (?, ?)'),
      setting: this.#sqlite.prepare<[string], { value: string }>('SELECT value FROM settings WHERE name = ?'),
      setSetting: this.#sqlite.prepare('INSERT INTO settings (name, value) VALUES (?, ?)'),
    };
  }

  loadRecords(datatype: string): unknown[] {
    return this.#statements.load.all(datatype).map((row) => JSON.parse(row.data) as unknown);
  }

  saveRecord(datatype: string, id: number, record: object): void {
    this.#statements.save.run(datatype, id, JSON.stringify(record));
  }

  deleteRecord(datatype: string, id: number): void {
    this.#statements.remove.run(datatype, id);
  }

  /** The last value handed out by a sequence (or `start - 1` when it has never been used). */
  sequenceValue(name: string, start: number): number {
    if (!this.#sequences.has(name)) {
      this.#sequences.set(name, this.#statements.sequence.get(name)?.value ?? start - 1);
    }
    return this.#sequences.get(name)!;
  }

  setSequenceValue(name: string, value: number): void {
    this.#sequences.set(name, value);
    this.#statements.setSequence.run(name, value);
  }

  /** A setting that, once made, survives restarts (e.g. the token signing secret). */
  setting(name: string, create: () => string): string {
    const existing = this.#statements.setting.get(name)?.value;
    if (existing !== undefined) return existing;
    const value = create();
    this.#statements.setSetting.run(name, value);
    return value;
  }

  /** Empties records and sequences; settings stay. */
  clear(): void {
    this.#sqlite.exec('DELETE FROM records; DELETE FROM sequences;');
    this.#sequences.clear();
  }

  transaction<T>(work: () => T): T {
    return this.#sqlite.transaction(work)();
  }

  close(): void {
    this.#sqlite.close();
  }
}
