#ifndef KINESCOPE_CNCURSES_SHIM_H
#define KINESCOPE_CNCURSES_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <langinfo.h>
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
/* One cell from the terminal's line-drawing set: `key` is the character's acsc name ('q' is the
   horizontal line). ncurses sends it with smacs/rmacs, or as Unicode where the terminal wants that
   in a UTF-8 locale (terminfo U8, e.g. the Linux console). */
static inline int kc_mvadd_acs(int y, int x, wchar_t key, attr_t attrs, short pair) {
    wchar_t wch[2] = { key, 0 };
    cchar_t cell;
    if (setcchar(&cell, wch, attrs | A_ALTCHARSET, pair, NULL) != OK) return ERR;
    return mvadd_wch(y, x, &cell);
}
/* Whether the terminal describes a line-drawing set (terminfo acsc). */
static inline int kc_has_acs(void) {
    const char *acsc = tigetstr("acsc");
    return acsc != NULL && acsc != (char *)-1 && acsc[0] != 0;
}
/* The locale's character set ("UTF-8", "ANSI_X3.4-1968"...); call after setlocale. */
static inline const char *kc_codeset(void) { return nl_langinfo(CODESET); }
static inline int kc_key_mouse(void) { return KEY_MOUSE; }
/* Mouse reporting on (button 1 presses and the wheel) or off. Presses are reported at once
   (mouseinterval 0): click detection would hold every press back. Returns 0 when the terminal
   cannot report the mouse. */
static inline int kc_set_mouse(int on) {
    mmask_t old = 0;
    mouseinterval(0);
    mmask_t wanted = on ? (BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED) : 0;
    return mousemask(wanted, &old) != 0 || !on;
}
/* The mouse event behind the last KEY_MOUSE: its cell, and 1 for a button-1 press, 2 wheel up,
   3 wheel down, 0 anything else, -1 none. */
static inline int kc_get_mouse(int *x, int *y) {
    MEVENT event;
    if (getmouse(&event) != OK) return -1;
    *x = event.x;
    *y = event.y;
    if (event.bstate & BUTTON1_PRESSED) return 1;
    if (event.bstate & BUTTON4_PRESSED) return 2;
    if (event.bstate & BUTTON5_PRESSED) return 3;
    return 0;
}
#endif
