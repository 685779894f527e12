package rcusim.cli;

import rcusim.scenarios.builtin.Catalog;
import rcusim.scenarios.kconfig.RcutortureCatalog;

/** What the commands find scenarios in: the built-in scenarios, then rcutorture configurations (catalog or path). */
final class Catalogs {
    private static final Catalog STANDARD = Catalog.builtin().withFallback(RcutortureCatalog::find);

    private Catalogs() {
    }

    static Catalog standard() {
        return STANDARD;
    }
}
