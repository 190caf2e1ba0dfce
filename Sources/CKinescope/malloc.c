#include "CKinescope.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

void ks_free_small_blocks_without_locking(void) {
#if defined(__GLIBC__)
    mallopt(M_MXFAST, 160);
#endif
}
