#pragma once

// The single source of the version is project(VERSION) in CMakeLists.txt.
#ifndef SW_VERSION
#error "SW_VERSION must come from CMake"
#endif

inline constexpr const char kAppVersion[] = SW_VERSION;
inline constexpr const char kAppName[] = "socket-workbench";
