export function electronBinary(): { path?: string; reason?: string };
export function electronSqliteBinding(root: string): string | undefined;
