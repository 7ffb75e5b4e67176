// A clock the test moves forward, preloaded (LD_PRELOAD) into every process of a browser.
//
// Every wall and monotonic clock reads `offset` nanoseconds ahead of the real one, and every wait
// that takes an absolute deadline on those clocks is moved back by the same offset, so timers keep
// firing on time. The offset lives in a file the test rewrites in place (CORSKIT_CLOCK_FILE, two
// equal little-endian int64 copies, so a torn read shows as a mismatch and is read again); each
// process maps it once, so a jump is seen at the next clock read.
//
// Why not libfaketime: its lazy start-up mallocs (a failed dlsym, sem_open), and Firefox's
// allocator calls clock_gettime while initializing itself, holding its own lock: Firefox deadlocks
// before it draws a page. Nothing here allocates, and the real functions are looked up in a
// constructor, after the allocator is up; before that the clocks are read by system call.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#define NS_PER_S 1000000000LL

static volatile int64_t *shared_offset = 0;
static int mapping_state = 0; /* 0 not tried, 1 mapped, 2 unavailable */

static int64_t offset_ns(void) {
  int state = __atomic_load_n(&mapping_state, __ATOMIC_ACQUIRE);
  if (state == 0) {
    const char *path = getenv("CORSKIT_CLOCK_FILE");
    void *page = MAP_FAILED;
    if (path) {
      int fd = (int)syscall(SYS_openat, AT_FDCWD, path, O_RDONLY | O_CLOEXEC);
      if (fd >= 0) {
        page = mmap(0, 16, PROT_READ, MAP_SHARED, fd, 0);
        syscall(SYS_close, fd);
      }
    }
    if (page != MAP_FAILED) __atomic_store_n(&shared_offset, (int64_t *)page, __ATOMIC_RELEASE);
    state = page != MAP_FAILED ? 1 : 2;
    __atomic_store_n(&mapping_state, state, __ATOMIC_RELEASE);
  }
  volatile int64_t *slots = __atomic_load_n(&shared_offset, __ATOMIC_ACQUIRE);
  if (state != 1 || !slots) return 0;
  for (;;) {
    int64_t first = __atomic_load_n(&slots[0], __ATOMIC_ACQUIRE);
    int64_t second = __atomic_load_n(&slots[1], __ATOMIC_ACQUIRE);
    if (first == second) return first;
  }
}

/* The clocks that tell time; CPU-time clocks are left alone. */
static int is_shifted(clockid_t clock) {
  switch (clock) {
  case CLOCK_REALTIME:
  case CLOCK_MONOTONIC:
  case CLOCK_MONOTONIC_RAW:
  case CLOCK_REALTIME_COARSE:
  case CLOCK_MONOTONIC_COARSE:
  case CLOCK_BOOTTIME:
  case CLOCK_REALTIME_ALARM:
  case CLOCK_BOOTTIME_ALARM:
  case CLOCK_TAI:
    return 1;
  default:
    return 0;
  }
}

static void add_ns(struct timespec *time, int64_t ns) {
  int64_t total = (int64_t)time->tv_sec * NS_PER_S + time->tv_nsec + ns;
  if (total < 0) total = 0;
  time->tv_sec = total / NS_PER_S;
  time->tv_nsec = total % NS_PER_S;
}

/* A deadline on a shifted clock, as the real clock reads it. */
static const struct timespec *real_deadline(const struct timespec *fake, struct timespec *real) {
  if (!fake) return fake;
  *real = *fake;
  add_ns(real, -offset_ns());
  return real;
}

static int (*real_clock_gettime)(clockid_t, struct timespec *);
static int (*real_cond_timedwait)(pthread_cond_t *, pthread_mutex_t *, const struct timespec *);
static int (*real_cond_clockwait)(pthread_cond_t *, pthread_mutex_t *, clockid_t, const struct timespec *);
static int (*real_sem_timedwait)(sem_t *, const struct timespec *);
static int (*real_sem_clockwait)(sem_t *, clockid_t, const struct timespec *);
static int (*real_mutex_timedlock)(pthread_mutex_t *, const struct timespec *);
static int (*real_mutex_clocklock)(pthread_mutex_t *, clockid_t, const struct timespec *);
static int (*real_clock_nanosleep)(clockid_t, int, const struct timespec *, struct timespec *);
static int (*real_timerfd_settime)(int, int, const struct itimerspec *, struct itimerspec *);

static void look_up_real_functions(void) __attribute__((constructor));
static void look_up_real_functions(void) {
  real_clock_gettime = dlsym(RTLD_NEXT, "clock_gettime");
  /* The versioned lookup: the unversioned one finds the pre-2.3.2 compatibility function. */
  real_cond_timedwait = dlvsym(RTLD_NEXT, "pthread_cond_timedwait", "GLIBC_2.3.2");
  real_cond_clockwait = dlsym(RTLD_NEXT, "pthread_cond_clockwait");
  real_sem_timedwait = dlsym(RTLD_NEXT, "sem_timedwait");
  real_sem_clockwait = dlsym(RTLD_NEXT, "sem_clockwait");
  real_mutex_timedlock = dlsym(RTLD_NEXT, "pthread_mutex_timedlock");
  real_mutex_clocklock = dlsym(RTLD_NEXT, "pthread_mutex_clocklock");
  real_clock_nanosleep = dlsym(RTLD_NEXT, "clock_nanosleep");
  real_timerfd_settime = dlsym(RTLD_NEXT, "timerfd_settime");
}

static int read_real_clock(clockid_t clock, struct timespec *time) {
  if (real_clock_gettime) return real_clock_gettime(clock, time);
  return (int)syscall(SYS_clock_gettime, clock, time);
}

int clock_gettime(clockid_t clock, struct timespec *time) {
  int result = read_real_clock(clock, time);
  if (result == 0 && is_shifted(clock)) add_ns(time, offset_ns());
  return result;
}

int gettimeofday(struct timeval *restrict tv, void *restrict tz) {
  (void)tz;
  struct timespec now;
  if (clock_gettime(CLOCK_REALTIME, &now) != 0) return -1;
  if (tv) {
    tv->tv_sec = now.tv_sec;
    tv->tv_usec = now.tv_nsec / 1000;
  }
  return 0;
}

time_t time(time_t *out) {
  struct timespec now;
  if (clock_gettime(CLOCK_REALTIME, &now) != 0) return (time_t)-1;
  if (out) *out = now.tv_sec;
  return now.tv_sec;
}

int timespec_get(struct timespec *time, int base) {
  if (base != TIME_UTC || clock_gettime(CLOCK_REALTIME, time) != 0) return 0;
  return base;
}

/* A wait that comes before the constructor ran looks the real functions up itself. */
#define REAL(pointer) (pointer ? (void)0 : look_up_real_functions(), pointer)

int pthread_cond_timedwait(pthread_cond_t *cond, pthread_mutex_t *mutex, const struct timespec *deadline) {
  struct timespec real;
  return REAL(real_cond_timedwait)(cond, mutex, real_deadline(deadline, &real));
}

int pthread_cond_clockwait(pthread_cond_t *cond, pthread_mutex_t *mutex, clockid_t clock,
                           const struct timespec *deadline) {
  struct timespec real;
  const struct timespec *moved = is_shifted(clock) ? real_deadline(deadline, &real) : deadline;
  return REAL(real_cond_clockwait)(cond, mutex, clock, moved);
}

int sem_timedwait(sem_t *sem, const struct timespec *deadline) {
  struct timespec real;
  return REAL(real_sem_timedwait)(sem, real_deadline(deadline, &real));
}

int sem_clockwait(sem_t *sem, clockid_t clock, const struct timespec *deadline) {
  struct timespec real;
  const struct timespec *moved = is_shifted(clock) ? real_deadline(deadline, &real) : deadline;
  return REAL(real_sem_clockwait)(sem, clock, moved);
}

int pthread_mutex_timedlock(pthread_mutex_t *mutex, const struct timespec *deadline) {
  struct timespec real;
  return REAL(real_mutex_timedlock)(mutex, real_deadline(deadline, &real));
}

int pthread_mutex_clocklock(pthread_mutex_t *mutex, clockid_t clock, const struct timespec *deadline) {
  struct timespec real;
  const struct timespec *moved = is_shifted(clock) ? real_deadline(deadline, &real) : deadline;
  return REAL(real_mutex_clocklock)(mutex, clock, moved);
}

int clock_nanosleep(clockid_t clock, int flags, const struct timespec *request, struct timespec *remain) {
  struct timespec real;
  const struct timespec *moved =
      (flags & TIMER_ABSTIME) && is_shifted(clock) ? real_deadline(request, &real) : request;
  return REAL(real_clock_nanosleep)(clock, flags, moved, remain);
}

int timerfd_settime(int fd, int flags, const struct itimerspec *value, struct itimerspec *old) {
  struct itimerspec real;
  if (value && (flags & TFD_TIMER_ABSTIME) && (value->it_value.tv_sec || value->it_value.tv_nsec)) {
    real = *value;
    add_ns(&real.it_value, -offset_ns());
    /* A zero it_value would disarm the timer: a deadline already past fires at once instead. */
    if (!real.it_value.tv_sec && !real.it_value.tv_nsec) real.it_value.tv_nsec = 1;
    value = &real;
  }
  return REAL(real_timerfd_settime)(fd, flags, value, old);
}
