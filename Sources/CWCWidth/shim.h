#ifndef KINESCOPE_CWCWIDTH_SHIM_H
#define KINESCOPE_CWCWIDTH_SHIM_H
/* wcwidth is an X/Open function that Swift's Glibc module does not export. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#include <wchar.h>
static inline int kc_wcwidth(unsigned int c) { return wcwidth((wchar_t)c); }
#endif
