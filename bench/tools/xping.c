/* xping: how long a window's GUI thread takes to answer, the way a window
 * manager asks. Sends an EWMH _NET_WM_PING to the top-level window of a
 * process every INTERVAL ms and prints each round trip. Qt (and GTK) answer
 * the ping from the GUI thread, so a blocked event loop shows as a late reply.
 *
 *   xping PID INTERVAL_MS SECONDS    ping for SECONDS (or until SIGTERM)
 *   xping PID startup TIMEOUT_S      wait for the mapped window, one ping,
 *                                    print when each came (monotonic seconds)
 *
 * Output: one line per reply "rtt SEQ SENT_S RTT_MS", and at the end
 * "lost SEQ SENT_S" for pings never answered; "window 0x... T" when found.
 */
#include <xcb/xcb.h>

#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static volatile sig_atomic_t stop_flag = 0;
static void on_term(int sig) { (void)sig; stop_flag = 1; }

static xcb_atom_t atom(xcb_connection_t *c, const char *name)
{
    xcb_intern_atom_reply_t *r =
        xcb_intern_atom_reply(c, xcb_intern_atom(c, 0, (uint16_t)strlen(name), name), NULL);
    xcb_atom_t a = r ? r->atom : XCB_ATOM_NONE;
    free(r);
    return a;
}

static int has_ping(xcb_connection_t *c, xcb_window_t w, xcb_atom_t protocols, xcb_atom_t ping)
{
    xcb_get_property_reply_t *r =
        xcb_get_property_reply(c, xcb_get_property(c, 0, w, protocols, XCB_ATOM_ATOM, 0, 64), NULL);
    int found = 0;
    if (r && r->format == 32) {
        const xcb_atom_t *a = xcb_get_property_value(r);
        int n = xcb_get_property_value_length(r) / 4;
        for (int i = 0; i < n; ++i)
            if (a[i] == ping)
                found = 1;
    }
    free(r);
    return found;
}

/* A viewable child of the root with _NET_WM_PID == pid that takes pings. */
static xcb_window_t find_window(xcb_connection_t *c, xcb_window_t root, unsigned pid, xcb_atom_t pid_atom,
                                xcb_atom_t protocols, xcb_atom_t ping)
{
    xcb_window_t found = XCB_WINDOW_NONE;
    xcb_query_tree_reply_t *tree = xcb_query_tree_reply(c, xcb_query_tree(c, root), NULL);
    if (!tree)
        return found;
    xcb_window_t *kids = xcb_query_tree_children(tree);
    int n = xcb_query_tree_children_length(tree);
    for (int i = 0; i < n && found == XCB_WINDOW_NONE; ++i) {
        xcb_get_property_reply_t *p =
            xcb_get_property_reply(c, xcb_get_property(c, 0, kids[i], pid_atom, XCB_ATOM_CARDINAL, 0, 1), NULL);
        int match = p && p->format == 32 && xcb_get_property_value_length(p) == 4 &&
                    *(uint32_t *)xcb_get_property_value(p) == pid;
        free(p);
        if (!match)
            continue;
        xcb_get_window_attributes_reply_t *attr =
            xcb_get_window_attributes_reply(c, xcb_get_window_attributes(c, kids[i]), NULL);
        int viewable = attr && attr->map_state == XCB_MAP_STATE_VIEWABLE;
        free(attr);
        if (viewable && has_ping(c, kids[i], protocols, ping))
            found = kids[i];
    }
    free(tree);
    return found;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: xping PID INTERVAL_MS SECONDS | xping PID startup TIMEOUT_S\n");
        return 2;
    }
    const unsigned pid = (unsigned)strtoul(argv[1], NULL, 10);
    const int startup = strcmp(argv[2], "startup") == 0;
    const double interval = startup ? 0.005 : atof(argv[2]) / 1000.0;
    const double seconds = atof(argv[3]);
    signal(SIGTERM, on_term);
    signal(SIGINT, on_term);

    int screen_no = 0;
    xcb_connection_t *c = xcb_connect(NULL, &screen_no);
    if (xcb_connection_has_error(c)) {
        fprintf(stderr, "xping: cannot open the display\n");
        return 1;
    }
    xcb_screen_iterator_t it = xcb_setup_roots_iterator(xcb_get_setup(c));
    for (int i = 0; i < screen_no; ++i)
        xcb_screen_next(&it);
    const xcb_window_t root = it.data->root;
    const xcb_atom_t protocols = atom(c, "WM_PROTOCOLS");
    const xcb_atom_t ping = atom(c, "_NET_WM_PING");
    const xcb_atom_t pid_atom = atom(c, "_NET_WM_PID");

    /* Qt sends the reply to the root with StructureNotify|SubstructureRedirect. */
    const uint32_t mask = XCB_EVENT_MASK_STRUCTURE_NOTIFY | XCB_EVENT_MASK_SUBSTRUCTURE_NOTIFY;
    xcb_change_window_attributes(c, root, XCB_CW_EVENT_MASK, &mask);
    xcb_flush(c);

    const double t0 = now();
    xcb_window_t win = XCB_WINDOW_NONE;
    while (win == XCB_WINDOW_NONE && !stop_flag) {
        win = find_window(c, root, pid, pid_atom, protocols, ping);
        if (win != XCB_WINDOW_NONE)
            break;
        if (now() - t0 > (startup ? seconds : 30.0)) {
            fprintf(stderr, "xping: no window of pid %u\n", pid);
            return 1;
        }
        struct timespec ts = {0, 2000000};
        nanosleep(&ts, NULL);
        xcb_generic_event_t *e;
        while ((e = xcb_poll_for_event(c)))
            free(e);
    }
    if (win == XCB_WINDOW_NONE)
        return 1;
    printf("window 0x%x %.6f\n", win, now());
    fflush(stdout);

    enum { kMax = 1 << 16 };
    static double sent_at[kMax];
    static int answered[kMax];
    uint32_t seq = 0;
    double next = now();
    const double end = now() + (startup ? 30.0 : seconds);
    const int fd = xcb_get_file_descriptor(c);
    while (!stop_flag && now() < end && seq < kMax) {
        double t = now();
        if (t >= next) {
            xcb_client_message_event_t ev;
            memset(&ev, 0, sizeof ev);
            ev.response_type = XCB_CLIENT_MESSAGE;
            ev.format = 32;
            ev.window = win;
            ev.type = protocols;
            ev.data.data32[0] = ping;
            ev.data.data32[1] = seq + 1; /* the timestamp slot carries our sequence */
            ev.data.data32[2] = win;
            sent_at[seq] = t;
            ++seq;
            xcb_send_event(c, 0, win, XCB_EVENT_MASK_NO_EVENT, (const char *)&ev);
            xcb_flush(c);
            next += interval;
            if (next < t)
                next = t + interval;
        }
        double wait = next - now();
        struct pollfd p = {fd, POLLIN, 0};
        poll(&p, 1, wait > 0 ? (int)(wait * 1000) + 1 : 0);
        xcb_generic_event_t *e;
        while ((e = xcb_poll_for_event(c))) {
            if ((e->response_type & 0x7f) == XCB_CLIENT_MESSAGE) {
                const xcb_client_message_event_t *m = (const xcb_client_message_event_t *)e;
                uint32_t s = m->data.data32[1];
                if (m->type == protocols && m->data.data32[0] == ping && s >= 1 && s <= seq && !answered[s - 1]) {
                    double rt = now();
                    answered[s - 1] = 1;
                    printf("rtt %u %.6f %.3f\n", s, sent_at[s - 1], (rt - sent_at[s - 1]) * 1000.0);
                    fflush(stdout);
                    if (startup) {
                        printf("answered %.6f\n", rt);
                        free(e);
                        xcb_disconnect(c);
                        return 0;
                    }
                }
            }
            free(e);
        }
        if (xcb_connection_has_error(c))
            break;
    }
    for (uint32_t s = 0; s < seq; ++s)
        if (!answered[s])
            printf("lost %u %.6f %.3f\n", s + 1, sent_at[s], (now() - sent_at[s]) * 1000.0);
    xcb_disconnect(c);
    return 0;
}
