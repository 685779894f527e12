package rcusim.cli;

import rcusim.scenarios.builtin.Catalog;
import rcusim.scenarios.file.FileCatalog;
import rcusim.scenarios.kconfig.RcutortureCatalog;

/**
 * The scenarios the command line knows: the built-in ones, the shipped scenario files, the
 * rcutorture configurations (rcutorture/NAME or a path), and any scenario file by its path.
 */
final class Scenarios {
    private Scenarios() {
    }

    private static final class Holder {
        // an rcutorture configuration (catalog name, or a Kconfig fragment by path) before a scenario file by path
        static final Catalog ALL = Catalog.builtin().with(FileCatalog.shipped(),
                name -> RcutortureCatalog.find(name).or(() -> FileCatalog.onDisk(name)));
    }

    static Catalog standard() {
        return Holder.ALL;
    }
}
