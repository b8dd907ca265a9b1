#pragma once

// The single source of the version is project(VERSION) in CMakeLists.txt.
#ifndef SW_VERSION
#error "SW_VERSION must come from CMake"
#endif
#if !defined(SW_HOMEPAGE_URL) || !defined(SW_ISSUES_URL)
#error "SW_HOMEPAGE_URL and SW_ISSUES_URL must come from CMake"
#endif

inline constexpr const char kAppVersion[] = SW_VERSION;
// Also from CMake (project(HOMEPAGE_URL) and SW_ISSUES_URL), so the About
// dialog links where the man page and the AppStream metainfo do.
inline constexpr const char kHomepageUrl[] = SW_HOMEPAGE_URL;
inline constexpr const char kIssuesUrl[] = SW_ISSUES_URL;
inline constexpr const char kAppName[] = "socket-workbench";
