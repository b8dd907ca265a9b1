#pragma once

// Closes descriptors on a thread of its own. Closing the last descriptor of
// a TCP connection runs the kernel's close (a FIN or RST out, and on
// loopback the peer's side of it too): tens of microseconds each, paid by
// the window's thread when thousands of clients leave at once. Handed here,
// they are closed in order, moments later, on the other core.
class DescriptorCloser
{
public:
    // Takes ownership of fd (ignored when negative).
    static void close(int fd);
    // Closes every descriptor handed over so far before returning.
    static void flush();
};
