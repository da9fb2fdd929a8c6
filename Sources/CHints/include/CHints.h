#ifndef CHINTS_H
#define CHINTS_H

/// Asks for the cache line at `address` ahead of a write to it. Swift has no prefetch of its
/// own, and the campaign detector's band tables are a random probe per comment: fetching the
/// probes several comments ahead lets the misses overlap instead of waiting one at a time.
static inline void docket_prefetch(const void *address) {
    __builtin_prefetch(address, 1, 3);
}

#endif
