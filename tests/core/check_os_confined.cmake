# Fails when Linux-specific code appears outside src/core/os/: a system
# header (<sys/…>, <linux/…>, <netinet/…>, <unistd.h>, …), a platform
# #ifdef, an SSE intrinsic or a prefetch/malloc-tuning call. The rest of the
# program reaches the operating system through the narrow classes of os/
# (README.md, "Layout").
#   cmake -DSOURCE_DIR=<repo>/src -P check_os_confined.cmake
file(GLOB_RECURSE _sources "${SOURCE_DIR}/*.h" "${SOURCE_DIR}/*.cpp")
set(_include "^[ \t]*#[ \t]*include[ \t]*<(linux/|sys/|netinet/|arpa/|net/|asm/|unistd\\.h|fcntl\\.h|poll\\.h|malloc\\.h|signal\\.h|errno\\.h|pthread\\.h|sched\\.h|ifaddrs\\.h|netdb\\.h|[a-z]*intrin\\.h)")
set(_ifdef "^[ \t]*#[ \t]*(if|ifdef|ifndef|elif)[^\n]*(Q_OS_|__linux__|__unix__|__SSE|__AVX|__x86_64__)")
set(_call "(_mm_[a-z0-9_]+[ \t]*\\(|__builtin_prefetch|__builtin_ia32|mallopt[ \t]*\\(|malloc_trim[ \t]*\\()")
set(_checked 0)
set(_bad "")
foreach(_f IN LISTS _sources)
    if(_f MATCHES "/src/core/os/")
        continue()
    endif()
    math(EXPR _checked "${_checked} + 1")
    file(STRINGS "${_f}" _lines)
    foreach(_line IN LISTS _lines)
        # Lines inside string literals (a C program the app writes for a
        # student) start with a quote or u"; only directives and code count.
        if(_line MATCHES "^[ \t]*(u?\"|<<)")
            continue()
        endif()
        if(_line MATCHES "${_include}" OR _line MATCHES "${_ifdef}" OR _line MATCHES "${_call}")
            file(RELATIVE_PATH _rel "${SOURCE_DIR}" "${_f}")
            string(APPEND _bad "  ${_rel}: ${_line}\n")
        endif()
    endforeach()
endforeach()
if(_checked LESS 50)
    message(FATAL_ERROR "only ${_checked} sources outside os/ under ${SOURCE_DIR}; is the check looking at src/?")
endif()
if(_bad)
    message(FATAL_ERROR "Linux-specific code outside src/core/os/:\n${_bad}")
endif()
message(STATUS "OS-specific code confined to src/core/os/ (${_checked} other sources checked)")
