package dev.flotilla.worker.demo;

import io.temporal.client.WorkflowClient;
import java.util.List;

/** One workflow's part in {@code flotilla demo}: runs it on sample data and says what happened. */
public interface DemoScenario {
  String name();

  /** Runs the workflow end to end, acting as a person would (signals included). */
  Report run(WorkflowClient client) throws Exception;

  /**
   * @param succeeded whether the workflow did what the demo expected
   * @param lines what ran, the result, and where to look
   */
  record Report(boolean succeeded, List<String> lines) {}
}
