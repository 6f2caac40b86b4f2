package dev.flotilla.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the flotilla command through its real code path, as a person would type it. */
record CliRun(int exitCode, String out, String err) {

  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var commandLine = FlotillaCli.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new CliRun(exitCode, out.toString(), err.toString());
  }

  /** What a person reads on the terminal's error stream, which must be a single line. */
  String errLine() {
    return err.strip();
  }
}
