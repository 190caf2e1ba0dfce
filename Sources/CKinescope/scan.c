#include "CKinescope.h"

#if defined(__SSE2__)
#include <emmintrin.h>

/// Bit i set when byte i of the 64 bytes in `a`, `b`, `c`, `d` equals the byte in `needle`.
static inline uint64_t ks_mask(__m128i a, __m128i b, __m128i c, __m128i d, __m128i needle) {
    uint64_t m0 = (uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(a, needle));
    uint64_t m1 = (uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(b, needle));
    uint64_t m2 = (uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(c, needle));
    uint64_t m3 = (uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(d, needle));
    return m0 | (m1 << 16) | (m2 << 32) | (m3 << 48);
}

/// Bit i is the XOR of bits 0...i: set for the bytes after an odd number of quotes.
static inline uint64_t ks_prefix_xor(uint64_t x) {
    x ^= x << 1;
    x ^= x << 2;
    x ^= x << 4;
    x ^= x << 8;
    x ^= x << 16;
    x ^= x << 32;
    return x;
}
#endif

ks_scan_result ks_scan_structure(const uint8_t *base, ptrdiff_t position, ptrdiff_t count, ptrdiff_t depth,
                                 int in_string) {
    ks_scan_result result = { position, depth, in_string, 0 };
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i newline = _mm_set1_epi8('\n');
    /* '[' | 0x20 == '{' and ']' | 0x20 == '}', and no other byte maps to either. */
    const __m128i fold = _mm_set1_epi8(0x20);
    const __m128i open = _mm_set1_epi8('{');
    const __m128i close = _mm_set1_epi8('}');
    uint64_t inside = in_string ? ~(uint64_t)0 : 0;
    while (position + 64 <= count) {
        const uint8_t *p = base + position;
        __m128i a = _mm_loadu_si128((const __m128i *)p);
        __m128i b = _mm_loadu_si128((const __m128i *)(p + 16));
        __m128i c = _mm_loadu_si128((const __m128i *)(p + 32));
        __m128i d = _mm_loadu_si128((const __m128i *)(p + 48));
        uint64_t stops = ks_mask(a, b, c, d, backslash) | ks_mask(a, b, c, d, newline);
        /* Only the bytes before the first stop count. */
        uint64_t valid = stops ? (stops & (0 - stops)) - 1 : ~(uint64_t)0;
        uint64_t quotes = ks_mask(a, b, c, d, quote) & valid;
        uint64_t strings = ks_prefix_xor(quotes) ^ inside;
        __m128i fa = _mm_or_si128(a, fold), fb = _mm_or_si128(b, fold);
        __m128i fc = _mm_or_si128(c, fold), fd = _mm_or_si128(d, fold);
        uint64_t opens = ks_mask(fa, fb, fc, fd, open) & ~strings & valid;
        uint64_t brackets = (opens | (ks_mask(fa, fb, fc, fd, close) & ~strings & valid));
        while (brackets) {
            int bit = __builtin_ctzll(brackets);
            if ((opens >> bit) & 1) {
                depth += 1;
            } else {
                depth -= 1;
                if (depth == 0) {
                    result.position = position + bit;
                    result.depth = 0;
                    result.in_string = 0;
                    result.closed = 1;
                    return result;
                }
            }
            brackets &= brackets - 1;
        }
        if (__builtin_popcountll(quotes) & 1) inside = ~inside;
        if (stops) {
            position += __builtin_ctzll(stops);
            break;
        }
        position += 64;
    }
    result.position = position;
    result.depth = depth;
    result.in_string = inside != 0;
#endif
    return result;
}
