package rcusim.litmus.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import rcusim.cli.BadInputException;
import rcusim.cli.ExitCodes;
import rcusim.litmus.exec.LitmusResult;
import rcusim.litmus.exec.LitmusRunner;
import rcusim.litmus.exec.LitmusRuntimeException;
import rcusim.litmus.exec.Verdict;
import rcusim.litmus.parse.LitmusParser;
import rcusim.litmus.parse.LitmusSyntaxException;
import rcusim.machine.memory.MemoryModel;

/** {@code rcusim litmus PATH...}: runs LKMM litmus tests exhaustively and grades them. */
@Command(name = "litmus", mixinStandardHelpOptions = true,
        header = "Runs C litmus tests exhaustively and checks their verdicts.", sortOptions = false,
        description = {
            "Runs C litmus tests (files, or directories of *.litmus) exhaustively on the simulated",
            "machine and reports every reachable outcome with its execution count and the verdict",
            "on the final clause (Never, Sometimes or Always, as herd7 states them).",
            "Expected verdicts come from --expect files and from any EXPECTED.tsv inside a directory given.",
            "Exits 1 when an expected Never is observed or an expected Always is violated."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every test ran and met its expectation",
            "1:an expected Never was observed or an expected Always violated",
            "2:usage error",
            "3:a test file could not be parsed or run (the others are still reported)"
        })
public final class LitmusCommand implements Callable<Integer> {
    /** Output formats. */
    public enum Format { text, tsv, json }

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "litmus files or directories")
    List<Path> paths;

    @Option(names = "--model", defaultValue = "weak", description = "memory model: sc, tso or weak (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--jobs", description = "tests run in parallel (default: all cores)")
    Integer jobs;

    @Option(names = "--format", defaultValue = "text", description = "text, tsv or json (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--expect", paramLabel = "FILE.tsv",
            description = "expected verdicts (columns file, expected); may be repeated."
                    + " A directory's own EXPECTED.tsv files are read without it")
    List<Path> expect = new ArrayList<>();

    @Option(names = "--max-states", defaultValue = "5000000",
            description = "states explored per test before it is reported incomplete (default: ${DEFAULT-VALUE})")
    long maxStates;

    @Override
    public Integer call() throws InterruptedException {
        long startNanos = System.nanoTime();
        MemoryModel mm;
        try {
            mm = MemoryModel.parse(model);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--model: " + e.getMessage());
        }
        int n = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
        if (n < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--jobs must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> files = new ArrayList<>();
        List<TestReport> missing = new ArrayList<>();
        List<Path> expectFiles = new ArrayList<>();
        expect.forEach(e -> expectFiles.add(e.toAbsolutePath().normalize()));
        for (Path p : paths) {
            collect(p, files, expectFiles, missing);
        }
        Expectations expectations = Expectations.read(expectFiles.stream().distinct().toList());
        List<TestReport> reports = runAll(files, mm, n, expectations);
        reports.addAll(0, missing);
        for (TestReport r : reports) {
            if (r.error() != null) {
                err.println(r.error());
            }
        }
        double wallMs = (System.nanoTime() - startNanos) / 1e6;
        switch (format) {
            case text -> new TextReport(out, mm, n, maxStates).print(reports, wallMs);
            case tsv -> TsvReport.print(out, reports);
            case json -> JsonReport.print(out, mm, reports, wallMs);
        }
        out.flush();
        if (reports.stream().anyMatch(TestReport::violatesExpectation)) {
            return ExitCodes.FAILURE_FOUND;
        }
        return reports.stream().anyMatch(r -> r.error() != null) ? ExitCodes.BAD_INPUT : ExitCodes.PASS;
    }

    private static void collect(Path p, List<Path> files, List<Path> expectFiles, List<TestReport> missing) {
        if (Files.isDirectory(p)) {
            try (Stream<Path> s = Files.walk(p)) {
                for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                    if (f.toString().endsWith(".litmus")) {
                        files.add(f);
                    } else if (f.getFileName().toString().equals("EXPECTED.tsv")) {
                        expectFiles.add(f.toAbsolutePath().normalize());
                    }
                }
            } catch (IOException e) {
                missing.add(new TestReport(p, null, p + ": cannot list directory: " + e.getMessage(), null));
            }
        } else if (Files.isRegularFile(p)) {
            files.add(p);
        } else {
            missing.add(new TestReport(p, null, p + ": no such file or directory", null));
        }
    }

    private List<TestReport> runAll(List<Path> files, MemoryModel mm, int n, Expectations expectations)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(n, Math.max(1, files.size())), r -> {
            Thread t = new Thread(r, "litmus-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<TestReport>> futures = new ArrayList<>();
            for (Path f : files) {
                futures.add(pool.submit(() -> runOne(f, mm, expectations.expected(f))));
            }
            List<TestReport> reports = new ArrayList<>();
            for (Future<TestReport> fu : futures) {
                try {
                    reports.add(fu.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("litmus worker failed", e.getCause());
                }
            }
            return reports;
        } finally {
            pool.shutdownNow();
        }
    }

    private TestReport runOne(Path f, MemoryModel mm, Verdict expected) {
        try {
            LitmusResult r = new LitmusRunner(mm, maxStates).run(LitmusParser.parse(f));
            return new TestReport(f, r, null, expected);
        } catch (LitmusSyntaxException e) {
            return new TestReport(f, null, f.getParent() == null ? e.getMessage()
                    : f.getParent().resolve(e.getMessage()).toString(), expected);
        } catch (LitmusRuntimeException e) {
            return new TestReport(f, null, new BadInputException(f.toString(), e.pos().line(), e.pos().column(),
                    e.getMessage()).getMessage(), expected);
        } catch (IOException e) {
            return new TestReport(f, null, f + ": cannot read: " + e.getMessage(), expected);
        }
    }
}
