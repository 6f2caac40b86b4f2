package dev.flotilla;

import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a finished run's history for the replay tests when the build is asked to ({@code
 * -Dflotilla.recordHistories=true}); otherwise does nothing, so the committed files stay as they
 * are.
 */
public final class HistoryRecorder {
  private HistoryRecorder() {}

  public static void saveIfAsked(WorkflowClient client, String workflowId, String file) {
    if (!Boolean.getBoolean("flotilla.recordHistories")) {
      return;
    }
    try {
      Path target = Path.of("src/test/resources/histories", file);
      Files.writeString(target, client.fetchHistory(workflowId).toJson(true));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
