// The machine's floor for the cluster's message pattern: nine processes (2 clients, 2 proposers, 3 acceptors,
// 2 learners), each with one socket on its role's multicast group, doing only the copies and hops the
// protocol needs and nothing else: no parsing, no state machine, no checks, no loss handling. An
// implementation of the pattern that copies at least as much, with ordinary socket calls, cannot go faster.
//
//   gcc -O2 -o /tmp/floor tools/floor/floor.c
//   scripts/netns.sh /tmp/floor throughput 100 64000      # 2 x 100 MiB in 64,000-byte datagrams
//   scripts/netns.sh /tmp/floor throughput 100 64000 --no-follower
//   scripts/netns.sh /tmp/floor latency 1000 10000        # 1,000 values/s offered, 10,000 values
//   scripts/netns.sh /tmp/floor latency 1000 10000 --one-round-trip
//
// Throughput: each client reads its input file (page cache) and sends it in datagrams to the proposers'
// group, at most 8 unanswered; the leader copies each into a batch, writes it to a memory file and sends it
// to the acceptors; each acceptor writes it to a memory file and answers the proposers' group; on the second
// answer the leader sends the batch to the learners and to the proposers' group (the follower writes it to
// its memory file; the leader receives its own copy too, as a multicast sender does) and acknowledges the
// client; each learner writes it to a file. --no-follower leaves out the copy to the proposers' group.
// Latency: each client sends one small value every 2/RATE s and measures until the leader's acknowledgement
// (client -> leader -> acceptors -> leader -> client); --one-round-trip makes the leader answer at once.
// Must run inside scripts/netns.sh: it sends multicast.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { REQUEST = 1, ACCEPT, ACCEPTED, DECISION, ACK, STOP };
enum { CLIENTS = 5000, PROPOSERS = 6000, ACCEPTORS = 7000, LEARNERS = 8000 };
enum { HEADER = 8, WINDOW = 8, SLOTS = 64 };

static long bytes_per_client;  // throughput mode
static int datagram = 64000;   // payload bytes per datagram
static int to_follower = 1;
static double rate;            // latency mode (values/s for both clients together); 0 in throughput mode
static long values;            // latency mode, both clients together
static int one_round_trip;
static int done_pipe[2];
static pid_t children[9];
static int forked;

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void fail(const char *what) {
    perror(what);
    exit(1);
}

static struct sockaddr_in group(int port) {
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };
    a.sin_addr.s_addr = inet_addr("239.0.0.1");
    return a;
}

static int join(int port) {
    int s = socket(AF_INET, SOCK_DGRAM, 0), one = 1, buffer = 8 << 20;
    struct sockaddr_in a = group(port);
    struct ip_mreq m = { .imr_multiaddr = a.sin_addr, .imr_interface.s_addr = htonl(INADDR_LOOPBACK) };
    struct in_addr loopback = { htonl(INADDR_LOOPBACK) };
    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    setsockopt(s, SOL_SOCKET, SO_RCVBUF, &buffer, sizeof buffer);
    setsockopt(s, SOL_SOCKET, SO_SNDBUF, &buffer, sizeof buffer);
    if (bind(s, (struct sockaddr *)&a, sizeof a) != 0) fail("bind");
    if (setsockopt(s, IPPROTO_IP, IP_ADD_MEMBERSHIP, &m, sizeof m) != 0) fail("join (run inside scripts/netns.sh)");
    setsockopt(s, IPPROTO_IP, IP_MULTICAST_IF, &loopback, sizeof loopback);
    return s;
}

static void send_to(int s, int port, const void *bytes, size_t length) {
    struct sockaddr_in a = group(port);
    while (sendto(s, bytes, length, 0, (struct sockaddr *)&a, sizeof a) < 0) usleep(10);  // a full send buffer
}

static void header(unsigned char *b, int type, int from, unsigned value) {
    b[0] = type;
    b[1] = from;
    memcpy(b + 4, &value, 4);
}

static unsigned value_of(const unsigned char *b) {
    unsigned v;
    memcpy(&v, b + 4, 4);
    return v;
}

static void report_cpu(const char *who, int id) {
    struct rusage r;
    getrusage(RUSAGE_SELF, &r);
    fprintf(stderr, "%s%d cpu %.3f s\n", who, id,
            r.ru_utime.tv_sec + r.ru_stime.tv_sec + (r.ru_utime.tv_usec + r.ru_stime.tv_usec) / 1e6);
}

static void wait_for_start(int start) {
    char go;
    if (read(start, &go, 1) != 1) fail("start");
}

static void signal_done(void) {
    if (write(done_pipe[1], "x", 1) != 1) fail("done");
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void streaming_client(int id, int start) {
    int s = join(CLIENTS), input;
    char path[64];
    unsigned char *b = malloc(HEADER + datagram), answer[64];
    long sent = 0, acknowledged = 0, count = bytes_per_client / datagram;
    snprintf(path, sizeof path, "/tmp/floor-input%d", id);
    if ((input = open(path, O_RDONLY)) < 0) fail(path);
    wait_for_start(start);
    while (acknowledged < count) {
        if (sent < count && sent - acknowledged < WINDOW) {
            if (read(input, b + HEADER, datagram) != datagram) fail("read input");
            header(b, REQUEST, id, sent++);
            send_to(s, PROPOSERS, b, HEADER + datagram);
        } else if (recv(s, answer, sizeof answer, 0) >= HEADER && answer[0] == ACK && answer[1] == id) {
            acknowledged = value_of(answer);
        }
    }
    report_cpu("client", id);
}

static void paced_client(int id, int start) {
    int s = join(CLIENTS);
    long count = values / 2, sent = 0, acknowledged = 0;
    double interval = 2 / rate, *sent_at = calloc(count, sizeof(double)), *latency = calloc(count, sizeof(double));
    unsigned char *b = malloc(HEADER + datagram), answer[64];
    memset(b, 'a', HEADER + datagram);
    wait_for_start(start);
    double first = now() + interval * (id - 1) / 2;  // the two clients alternate
    while (acknowledged < count) {
        double t = now(), due = first + sent * interval;
        if (sent < count && t >= due) {
            header(b, REQUEST, id, sent);
            sent_at[sent++] = now();
            send_to(s, PROPOSERS, b, HEADER + datagram);
            continue;
        }
        double wait = sent < count ? due - t : 1;
        struct timespec timeout = { (time_t)wait, (long)((wait - (time_t)wait) * 1e9) };
        struct pollfd p = { s, POLLIN, 0 };
        if (ppoll(&p, 1, &timeout, NULL) <= 0) continue;
        if (recv(s, answer, sizeof answer, 0) >= HEADER && answer[0] == ACK && answer[1] == id) {
            double at = now();
            for (long upTo = value_of(answer); acknowledged < upTo; acknowledged++)
                latency[acknowledged] = at - sent_at[acknowledged];
        }
    }
    qsort(latency, count, sizeof(double), by_value);
    printf("client%d: %ld values, latency p50 %.3f ms, p99 %.3f ms, max %.3f ms\n", id, count,
           latency[count / 2] * 1e3, latency[count * 99 / 100] * 1e3, latency[count - 1] * 1e3);
    fflush(stdout);
    if (one_round_trip) signal_done();  // no learner hears anything then
}

static void proposer(int leads, int id, int start) {
    int s = join(PROPOSERS), log = memfd_create("decided", 0), votes[SLOTS] = { 0 }, owner[SLOTS];
    unsigned char *received = malloc(HEADER + datagram + 64), *slot[SLOTS], answer[HEADER];
    long acknowledged[3] = { 0 }, logged = 0;
    unsigned next = 0;
    for (int i = 0; i < SLOTS; i++) slot[i] = malloc(HEADER + datagram);
    wait_for_start(start);
    for (;;) {
        ssize_t n = recv(s, received, HEADER + datagram + 64, 0);
        if (n < HEADER) continue;
        if (received[0] == STOP) break;
        if (!leads) {
            if (received[0] == DECISION && pwrite(log, received + HEADER, n - HEADER, logged) == n - HEADER)
                logged += n - HEADER;
            continue;
        }
        if (received[0] == REQUEST && one_round_trip) {
            header(answer, ACK, received[1], ++acknowledged[received[1]]);
            send_to(s, CLIENTS, answer, HEADER);
        } else if (received[0] == REQUEST) {
            unsigned instance = next++;
            unsigned char *batch = slot[instance % SLOTS];
            memcpy(batch + HEADER, received + HEADER, n - HEADER);  // the leader packs values into its own batch
            owner[instance % SLOTS] = received[1];
            votes[instance % SLOTS] = 0;
            if (pwrite(log, batch + HEADER, n - HEADER, logged) == n - HEADER) logged += n - HEADER;
            header(batch, ACCEPT, 0, instance);
            send_to(s, ACCEPTORS, batch, n);
        } else if (received[0] == ACCEPTED) {
            unsigned instance = value_of(received);
            if (++votes[instance % SLOTS] != 2) continue;  // a majority of three, once
            unsigned char *batch = slot[instance % SLOTS];
            header(batch, DECISION, 0, instance);
            send_to(s, LEARNERS, batch, HEADER + datagram);
            if (to_follower) send_to(s, PROPOSERS, batch, HEADER + datagram);
            int client = owner[instance % SLOTS];
            header(answer, ACK, client, ++acknowledged[client]);
            send_to(s, CLIENTS, answer, HEADER);
        }
    }
    if (rate == 0) report_cpu(leads ? "leader" : "follower", id);
}

static void acceptor(int id, int start) {
    int s = join(ACCEPTORS), votes = memfd_create("votes", 0);
    unsigned char *received = malloc(HEADER + datagram + 64), answer[HEADER];
    long kept = 0;
    wait_for_start(start);
    for (;;) {
        ssize_t n = recv(s, received, HEADER + datagram + 64, 0);
        if (n < HEADER) continue;
        if (received[0] == STOP) break;
        if (pwrite(votes, received + HEADER, n - HEADER, kept) == n - HEADER) kept += n - HEADER;
        header(answer, ACCEPTED, id, value_of(received));
        send_to(s, PROPOSERS, answer, HEADER);
    }
    if (rate == 0) report_cpu("acceptor", id);
}

static void learner(int id, int start) {
    int s = join(LEARNERS), output;
    char path[64];
    unsigned char *received = malloc(HEADER + datagram + 64);
    long learned = 0, expected = rate > 0 ? values * datagram : 2 * (bytes_per_client / datagram) * datagram;
    snprintf(path, sizeof path, "/tmp/floor-learner%d", id);
    if ((output = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0) fail(path);
    wait_for_start(start);
    if (one_round_trip) return;
    while (learned < expected) {
        ssize_t n = recv(s, received, HEADER + datagram + 64, 0);
        if (n < HEADER || received[0] != DECISION) continue;
        if (write(output, received + HEADER, n - HEADER) != n - HEADER) fail("write output");
        learned += n - HEADER;
    }
    signal_done();
    if (rate == 0) report_cpu("learner", id);
}

static void remove_files(void) {  // 400 MiB in /tmp otherwise
    for (int i = 1; i <= 2; i++) {
        char path[64];
        snprintf(path, sizeof path, "/tmp/floor-input%d", i);
        unlink(path);
        snprintf(path, sizeof path, "/tmp/floor-learner%d", i);
        unlink(path);
    }
}

// The model has no retries: a datagram the kernel drops (a full receive buffer) stalls it for good.
static void give_up(int signal) {
    (void)signal;
    for (int i = 0; i < forked; i++) kill(children[i], SIGKILL);
    remove_files();
    static const char message[] = "floor: stalled for 60 s (a datagram was dropped; the model does not resend): run it again\n";
    if (write(2, message, sizeof message - 1) < 0) _exit(3);
    _exit(3);
}

static void write_inputs(void) {
    char *text = malloc(1 << 20);
    for (int i = 0; i < 1 << 20; i++) text[i] = i % 1025 == 1024 ? '\n' : 'a' + rand() % 26;  // 1 KB lines
    for (int c = 1; c <= 2; c++) {
        char path[64];
        snprintf(path, sizeof path, "/tmp/floor-input%d", c);
        int f = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        for (long written = 0; written < bytes_per_client; written += 1 << 20)
            if (f < 0 || write(f, text, 1 << 20) != 1 << 20) fail(path);
        close(f);
    }
}

static int usage(void) {
    fprintf(stderr, "usage: floor throughput MIB_PER_CLIENT DATAGRAM_BYTES [--no-follower]\n"
                    "       floor latency VALUES_PER_S VALUES [--one-round-trip]\n");
    return 2;
}

int main(int argc, char **argv) {
    if (argc < 4) return usage();
    if (strcmp(argv[1], "throughput") == 0) {
        bytes_per_client = atol(argv[2]) << 20;
        datagram = atoi(argv[3]);
        to_follower = !(argc > 4 && strcmp(argv[4], "--no-follower") == 0);
        if (bytes_per_client <= 0 || datagram <= 0 || datagram > 65000) return usage();
        write_inputs();
    } else if (strcmp(argv[1], "latency") == 0) {
        rate = atof(argv[2]);
        values = atol(argv[3]);
        datagram = 64;
        one_round_trip = argc > 4 && strcmp(argv[4], "--one-round-trip") == 0;
        if (rate <= 0 || values < 2) return usage();
    } else {
        return usage();
    }

    int start[2];
    if (pipe(start) != 0 || pipe(done_pipe) != 0) fail("pipe");
    for (int i = 1; i <= 2; i++) if (!(children[forked++] = fork())) { learner(i, start[0]); exit(0); }
    for (int i = 1; i <= 3; i++) if (!(children[forked++] = fork())) { acceptor(i, start[0]); exit(0); }
    for (int i = 1; i <= 2; i++) if (!(children[forked++] = fork())) { proposer(i == 1, i, start[0]); exit(0); }
    for (int i = 1; i <= 2; i++)
        if (!(children[forked++] = fork())) { rate > 0 ? paced_client(i, start[0]) : streaming_client(i, start[0]); exit(0); }
    signal(SIGALRM, give_up);
    alarm(60);
    usleep(300000);  // every socket joined
    double began = now();
    if (write(start[1], "xxxxxxxxx", 9) != 9) fail("start");
    char done;
    for (int i = 0; i < 2; i++) if (read(done_pipe[0], &done, 1) != 1) fail("done");
    double elapsed = now() - began;

    int s = join(CLIENTS + 1);
    unsigned char stop[HEADER] = { STOP };
    send_to(s, PROPOSERS, stop, HEADER);
    send_to(s, ACCEPTORS, stop, HEADER);
    for (int i = 0; i < forked; i++) waitpid(children[i], NULL, 0);
    remove_files();
    if (rate == 0)
        printf("floor: 2 x %ld MiB in %d-byte datagrams%s: %.3f s = %.1f MB/s\n", bytes_per_client >> 20, datagram,
               to_follower ? "" : " (no copy to the follower)", elapsed, 2.0 * bytes_per_client / 1e6 / elapsed);
    return 0;
}
