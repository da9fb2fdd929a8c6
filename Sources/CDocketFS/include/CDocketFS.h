#ifndef CDOCKETFS_H
#define CDOCKETFS_H

/// Swaps two paths in one atomic step (Linux renameat2 RENAME_EXCHANGE, macOS RENAME_SWAP), so
/// a reader sees either the old folder or the new one, never a mixture. Returns 0, or -1 with
/// errno set (ENOSYS or EINVAL where the file system cannot exchange).
int docket_exchange_paths(const char *from, const char *to);

#endif
