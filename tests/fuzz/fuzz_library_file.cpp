// Fuzz target: LibraryFile::read (a payload library file, the app's own or
// one imported from someone else: anything a disk can hold).
//
// Input: the file's bytes, as they are.
//
// Invariants:
//  - A refused file leaves the library it was read into as it was, and says
//    why at a line that exists (line 0 only for a file over the size limit).
//  - A file read is a library that holds together (validate() is empty).
//  - Writing that library and reading it back gives an equal library, and
//    writing it again gives the same bytes (files do not drift).

#include "FuzzSupport.h"

#include "core/commands/LibraryFile.h"
#include "core/commands/PayloadLibrary.h"

using fuzz::shown;

namespace {

PayloadLibrary sentinel()
{
    PayloadLibrary library;
    PayloadEntry entry;
    entry.name = QStringLiteral("sentinel");
    entry.text = QStringLiteral("untouched");
    library.addPayload(entry);
    return library;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    static const PayloadLibrary before = sentinel();
    PayloadLibrary library = before;
    const LibraryFile::Result result = LibraryFile::read(bytes, &library);

    if (!result.ok()) {
        FUZZ_CHECK(library == before, QStringLiteral("a refused file changed the library: %1").arg(result.message()));
        const int lines = int(bytes.count('\n')) + 1;
        FUZZ_CHECK(result.line >= 1 || bytes.size() > LibraryFile::MaxFileBytes,
                   QStringLiteral("a refusal without a line: %1").arg(result.message()));
        FUZZ_CHECK(result.line <= lines,
                   QStringLiteral("line %1 of a %2-line file: %3").arg(result.line).arg(lines).arg(result.message()));
        return 0;
    }

    const QString invalid = library.validate();
    FUZZ_CHECK(invalid.isEmpty(), QStringLiteral("a file read into an invalid library: %1").arg(invalid));
    const QByteArray written = LibraryFile::write(library);
    PayloadLibrary again;
    const LibraryFile::Result back = LibraryFile::read(written, &again);
    FUZZ_CHECK(back.ok(), QStringLiteral("the written library is refused: %1\n%2")
                                  .arg(back.message(), QString::fromUtf8(written)));
    FUZZ_CHECK(again == library, QStringLiteral("the written library reads back different:\n%1")
                                         .arg(QString::fromUtf8(written)));
    FUZZ_CHECK(LibraryFile::write(again) == written, QStringLiteral("writing again gave other bytes: %1")
                                                             .arg(shown(LibraryFile::write(again))));
    return 0;
}
