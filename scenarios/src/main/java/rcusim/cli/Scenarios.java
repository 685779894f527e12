package rcusim.cli;

import rcusim.scenarios.builtin.Catalog;
import rcusim.scenarios.file.FileCatalog;

/** The scenarios the command line knows: the built-in ones, the shipped scenario files, and any scenario file by its path. */
final class Scenarios {
    private Scenarios() {
    }

    private static final class Holder {
        static final Catalog ALL = Catalog.builtin().with(FileCatalog.shipped(), FileCatalog::onDisk);
    }

    static Catalog standard() {
        return Holder.ALL;
    }
}
