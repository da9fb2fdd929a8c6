#ifndef CHINTS_H
#define CHINTS_H

#include <stdint.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// Asks for the cache line at `address` ahead of a write to it. Swift has no prefetch of its
/// own, and the campaign detector's band tables are a random probe per comment: fetching the
/// probes several comments ahead lets the misses overlap instead of waiting one at a time.
static inline void docket_prefetch(const void *address) {
    __builtin_prefetch(address, 1, 3);
}

/// Classifies 64 bytes of ASCII text at once: bit i of `*letters` is set when byte i is an
/// ASCII letter or digit, bit i of `*apostrophes` when it is an apostrophe. The word scanner
/// then finds each word's ends by counting zero bits, where a loop over the bytes mispredicted
/// a branch at the end of every word. Swift's SIMD types have no byte mask (`movemask`), so
/// this one step is C; a portable loop stands in where SSE2 is missing.
static inline void docket_classify64(const uint8_t *bytes, uint64_t *letters, uint64_t *apostrophes) {
#if defined(__SSE2__)
    const __m128i fold = _mm_set1_epi8(0x20);
    const __m128i beforeA = _mm_set1_epi8('a' - 1), afterZ = _mm_set1_epi8('z' + 1);
    const __m128i before0 = _mm_set1_epi8('0' - 1), after9 = _mm_set1_epi8('9' + 1);
    const __m128i quote = _mm_set1_epi8('\'');
    uint64_t word = 0, quotes = 0;
    for (int part = 0; part < 4; part++) {
        // ASCII bytes are below 0x80, so the signed comparisons order them as unsigned.
        __m128i x = _mm_loadu_si128((const __m128i *)(bytes + 16 * part));
        __m128i lower = _mm_or_si128(x, fold);
        __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(lower, beforeA), _mm_cmplt_epi8(lower, afterZ));
        __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(x, before0), _mm_cmplt_epi8(x, after9));
        word |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_or_si128(letter, digit)) << (16 * part);
        quotes |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x, quote)) << (16 * part);
    }
    *letters = word;
    *apostrophes = quotes;
#else
    uint64_t word = 0, quotes = 0;
    for (int index = 0; index < 64; index++) {
        uint8_t lower = bytes[index] | 0x20;
        uint8_t byte = bytes[index];
        if ((lower >= 'a' && lower <= 'z') || (byte >= '0' && byte <= '9')) word |= (uint64_t)1 << index;
        if (byte == '\'') quotes |= (uint64_t)1 << index;
    }
    *letters = word;
    *apostrophes = quotes;
#endif
}

#endif
