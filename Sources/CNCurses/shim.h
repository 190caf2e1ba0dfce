#ifndef KINESCOPE_CNCURSES_SHIM_H
#define KINESCOPE_CNCURSES_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/* Macros and globals are not visible to Swift; these wrappers expose them. */
static inline WINDOW *kc_stdscr(void) { return stdscr; }
static inline int kc_lines(void) { return LINES; }
static inline int kc_cols(void) { return COLS; }
static inline int kc_colors(void) { return COLORS; }
static inline int kc_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t kc_color_pair(int n) { return (attr_t)COLOR_PAIR(n); }
static inline attr_t kc_a_bold(void) { return A_BOLD; }
static inline attr_t kc_a_dim(void) { return A_DIM; }
static inline attr_t kc_a_reverse(void) { return A_REVERSE; }
static inline attr_t kc_a_underline(void) { return A_UNDERLINE; }
static inline attr_t kc_a_normal(void) { return A_NORMAL; }
static inline int kc_key_resize(void) { return KEY_RESIZE; }
static inline int kc_key_up(void) { return KEY_UP; }
static inline int kc_key_down(void) { return KEY_DOWN; }
static inline int kc_key_left(void) { return KEY_LEFT; }
static inline int kc_key_right(void) { return KEY_RIGHT; }
static inline int kc_key_npage(void) { return KEY_NPAGE; }
static inline int kc_key_ppage(void) { return KEY_PPAGE; }
static inline int kc_key_home(void) { return KEY_HOME; }
static inline int kc_key_end(void) { return KEY_END; }
static inline int kc_key_enter(void) { return KEY_ENTER; }
static inline int kc_key_btab(void) { return KEY_BTAB; }
static inline int kc_key_backspace(void) { return KEY_BACKSPACE; }
static inline int kc_ok(void) { return OK; }
static inline int kc_err(void) { return ERR; }
/* One cell: a wide-character string (a grapheme, NUL-terminated) with attributes and a colour pair. */
static inline int kc_mvadd_cell(int y, int x, const wchar_t *wch, attr_t attrs, short pair) {
    cchar_t cell;
    if (setcchar(&cell, wch, attrs, pair, NULL) != OK) return ERR;
    return mvadd_wch(y, x, &cell);
}
#endif
