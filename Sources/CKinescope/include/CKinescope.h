#ifndef KINESCOPE_CKINESCOPE_H
#define KINESCOPE_CKINESCOPE_H
#include <stddef.h>
#include <stdint.h>

/* Small C helpers for hot paths that Swift cannot express directly. */

/// The first place `needle` occurs in `haystack`, or NULL: the C library's `memmem`, which Swift's
/// Glibc module does not export (it is a GNU extension).
const void *ks_find(const void *haystack, size_t haystack_length, const void *needle, size_t needle_length);

/// Where `ks_scan_structure` stopped.
typedef struct {
    /// The index it stopped at (see `ks_scan_structure`).
    ptrdiff_t position;
    /// Bracket depth after the bytes before `position` (0 when `closed`).
    ptrdiff_t depth;
    /// Whether the byte at `position` is inside a string.
    int in_string;
    /// Whether `position` is the closing bracket that brought the depth to 0.
    int closed;
} ks_scan_result;

/// Follows the strings and bracket depth of JSON text from `position`, 64 bytes at a time, as
/// `JSONSplitter` does a byte at a time: `in_string` says whether `position` is inside a string
/// (after its opening quote; never right after a backslash), `depth` is the depth there.
///
/// Stops at the first of: the closing bracket outside strings that brings the depth to 0
/// (`closed`), the first backslash or newline (left for the caller, which knows what they mean),
/// or fewer than 64 bytes left (the caller finishes those). Without SSE2 it returns at once.
ks_scan_result ks_scan_structure(const uint8_t *base, ptrdiff_t position, ptrdiff_t count, ptrdiff_t depth,
                                 int in_string);

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// Where `ks_skip_plain_string_bytes` stopped, and whether a skipped byte was not ASCII.
typedef struct {
    ptrdiff_t position;
    /// 0x80 when some skipped byte had its top bit set, else 0.
    uint8_t seen;
    /// 1 when `position` is a byte that stopped the skip; 0 when fewer than 16 bytes were left.
    uint8_t stopped;
} ks_skip_result;

/// Skips string bytes that need no attention, 16 at a time: stops at the first `"`, `\` or byte
/// below 0x20 at or after `position`, or when fewer than 16 bytes are left before `end` (the
/// caller finishes those). Without SSE2 it returns at once. Inline, so that Swift inlines it.
static inline ks_skip_result ks_skip_plain_string_bytes(const uint8_t *base, ptrdiff_t position, ptrdiff_t end) {
    ks_skip_result result = { position, 0, 0 };
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i below = _mm_set1_epi8(0x1F);
    int high = 0;
    while (position + 16 <= end) {
        __m128i v = _mm_loadu_si128((const __m128i *)(base + position));
        __m128i control = _mm_cmpeq_epi8(_mm_max_epu8(v, below), below);
        __m128i stop = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)), control);
        int stops = _mm_movemask_epi8(stop);
        int tops = _mm_movemask_epi8(v);
        if (stops) {
            int k = __builtin_ctz((unsigned)stops);
            high |= tops & ((1 << k) - 1);
            position += k;
            result.stopped = 1;
            break;
        }
        high |= tops;
        position += 16;
    }
    result.position = position;
    result.seen = high ? 0x80 : 0;
#endif
    return result;
}

/// Raises glibc's largest "fast" block size to its maximum (160 bytes), so that freeing such a
/// block allocated by another thread takes no lock. Does nothing elsewhere.
void ks_free_small_blocks_without_locking(void);

#endif
