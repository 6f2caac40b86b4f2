package dev.flotilla.cicd;

import io.temporal.activity.ActivityInterface;

/** Getting the repository onto the worker: a local directory as it is, or a shallow git clone. */
@ActivityInterface(namePrefix = "CicdCheckout.")
public interface CheckoutActivities {

  /**
   * Resolves a local path to its real directory, or clones a URL (depth 1) into the worker's work
   * directory; a second call for the same URL reuses the clone. Throws {@link RepositoryRejected}
   * for a path that is not a directory or a URL git cannot clone.
   */
  Checkout checkout(CicdRequest request);
}
