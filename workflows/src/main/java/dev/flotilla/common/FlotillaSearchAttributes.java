package dev.flotilla.common;

import io.temporal.common.SearchAttributeKey;
import java.util.List;

/**
 * Search attributes every Flotilla workflow sets, so the Web UI and {@code flotilla list} can find
 * work by business meaning. The embedded dev stack, the compose bootstrap and the real-server lane
 * register exactly this list.
 */
public final class FlotillaSearchAttributes {
  /** Which Flotilla workflow this is (hello, optimization-cycle, approval, sync, ...). */
  public static final SearchAttributeKey<String> KIND =
      SearchAttributeKey.forKeyword("FlotillaKind");

  /** The stage a workflow is in right now, updated as it moves on. */
  public static final SearchAttributeKey<String> STAGE =
      SearchAttributeKey.forKeyword("FlotillaStage");

  /** The business scope the work is about (an account and regions, a repository, a sync job). */
  public static final SearchAttributeKey<String> SCOPE =
      SearchAttributeKey.forKeyword("FlotillaScope");

  /** The person the work is for or was started by. */
  public static final SearchAttributeKey<String> USER =
      SearchAttributeKey.forKeyword("FlotillaUser");

  /** critical, high, normal or low. */
  public static final SearchAttributeKey<String> PRIORITY =
      SearchAttributeKey.forKeyword("FlotillaPriority");

  private FlotillaSearchAttributes() {}

  public static List<SearchAttributeKey<String>> all() {
    return List.of(KIND, STAGE, SCOPE, USER, PRIORITY);
  }
}
