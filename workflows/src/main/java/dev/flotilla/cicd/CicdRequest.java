package dev.flotilla.cicd;

import dev.flotilla.common.InvalidInputException;
import dev.flotilla.common.WorkflowInput;
import java.util.regex.Pattern;

/**
 * Generate a CI workflow for one repository.
 *
 * @param repository an absolute local path, or a git URL (https, ssh, git, file or scp-style {@code
 *     git@host:org/repo.git}) that the worker clones shallowly into its work directory
 * @param write whether to write {@code .github/workflows/ci.yml} into the repository; a dry run
 *     (false) only returns the YAML
 * @param force whether an existing {@code ci.yml} may be overwritten
 * @param requestedBy who asked, for the Web UI's FlotillaUser
 */
public record CicdRequest(String repository, boolean write, boolean force, String requestedBy)
    implements WorkflowInput {

  /** user:password@ in a URL: a secret that would end up in the workflow ID and history. */
  private static final Pattern CREDENTIALS = Pattern.compile("(?i)^[a-z+]+://[^/@]*:[^/@]*@.*");

  private static final Pattern URL =
      Pattern.compile("(?i)(https?|git|ssh|file)://\\S+|[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:\\S+");

  public CicdRequest {
    repository = repository == null ? null : repository.strip();
    requestedBy = requestedBy == null || requestedBy.isBlank() ? "unknown" : requestedBy;
  }

  /** A dry run for a repository. */
  public static CicdRequest dryRun(String repository, String requestedBy) {
    return new CicdRequest(repository, false, false, requestedBy);
  }

  /** Whether the repository is a git URL to clone rather than a local path. */
  public boolean remote() {
    return repository != null && URL.matcher(repository).matches();
  }

  @Override
  public String workflowId() {
    return "cicd/" + repository;
  }

  @Override
  public String subject() {
    return "CI generation for " + repository;
  }

  @Override
  public void validate() {
    if (repository == null || repository.isEmpty()) {
      throw new InvalidInputException(
          "repository is required: an absolute path to a checkout, or a git URL");
    }
    if (repository.length() > 500 || repository.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidInputException(
          "repository must be one line of at most 500 characters: a path or a git URL");
    }
    if (CREDENTIALS.matcher(repository).matches()) {
      throw new InvalidInputException(
          "the repository URL carries credentials; configure git credentials on the worker (a"
              + " credential helper or SSH key) and pass the URL without them");
    }
    if (!remote() && !repository.startsWith("/")) {
      throw new InvalidInputException(
          "repository '"
              + repository
              + "' is neither an absolute path nor a git URL (https://, ssh://, git@host:repo)");
    }
    if (force && !write) {
      throw new InvalidInputException("force only makes sense with write: add write to overwrite");
    }
  }
}
