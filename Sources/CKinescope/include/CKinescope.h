#ifndef KINESCOPE_CKINESCOPE_H
#define KINESCOPE_CKINESCOPE_H
#include <stddef.h>
#include <stdint.h>

/* Small C helpers for hot paths that Swift cannot express directly. */

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

/// Raises glibc's largest "fast" block size to its maximum (160 bytes), so that freeing such a
/// block allocated by another thread takes no lock. Does nothing elsewhere.
void ks_free_small_blocks_without_locking(void);

#endif
