# The fuzz targets (tests/fuzz/fuzz_<name>.cpp, seeds in corpus/<name>/) and
# the core sources they exercise. Read by tests/fuzz/CMakeLists.txt (replay
# tests in the normal build) and tests/fuzz/libfuzzer/CMakeLists.txt (the
# clang/libFuzzer build of tests/fuzz/run).
set(SW_FUZZ_TARGETS payload_parser framer stream_decoder http_request)
set(SW_FUZZ_CORE_SOURCES
    AutoReply.cpp AutoResponder.cpp Framer.cpp FramingSpec.cpp HttpRequestParser.cpp
    PayloadParser.cpp StreamDecoder.cpp TextCodec.cpp)
