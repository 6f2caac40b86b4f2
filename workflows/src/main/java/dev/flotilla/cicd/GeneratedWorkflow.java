package dev.flotilla.cicd;

import java.util.List;

/**
 * Stage 4's answer.
 *
 * @param path where it belongs, relative to the root
 * @param yaml the workflow file's text
 * @param jobs the job IDs in it
 */
public record GeneratedWorkflow(String path, String yaml, List<String> jobs) {
  public static final String PATH = ".github/workflows/ci.yml";

  public GeneratedWorkflow {
    jobs = List.copyOf(jobs);
  }
}
