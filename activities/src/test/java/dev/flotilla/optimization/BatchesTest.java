package dev.flotilla.optimization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchesTest {

  @Test
  void packingNeverSplitsAGroupAndRespectsBatchSize() {
    List<RecommendationGroup> groups = randomGroups(new Random(11), 300);

    for (int batchSize : new int[] {1, 2, 3, 5, 10, 25, 100}) {
      List<RecommendationBatch> batches = Batches.pack(groups, batchSize);

      List<RecommendationGroup> packed = new ArrayList<>();
      for (RecommendationBatch batch : batches) {
        packed.addAll(batch.groups());
        assertThat(batch.groups()).isNotEmpty();
        if (batch.groups().size() > 1 || batch.groups().get(0).size() <= batchSize) {
          assertThat(batch.size()).as("batch size %d", batchSize).isLessThanOrEqualTo(batchSize);
        }
      }
      // Every group exactly once, whole, in first-id order.
      assertThat(packed)
          .containsExactlyElementsOf(
              groups.stream()
                  .sorted(java.util.Comparator.comparing(RecommendationGroup::firstId))
                  .toList());
      assertThat(batches)
          .extracting(RecommendationBatch::index)
          .containsExactlyElementsOf(IntStream.range(0, batches.size()).boxed().toList());
    }
  }

  @Test
  void groupLargerThanTheBatchSizeIsABatchOfItsOwn() {
    RecommendationGroup small = group("a", 2);
    RecommendationGroup large = group("b", 7);
    RecommendationGroup tail = group("c", 1);

    List<RecommendationBatch> batches = Batches.pack(List.of(tail, large, small), 4);

    assertThat(batches)
        .extracting(RecommendationBatch::groups)
        .containsExactly(List.of(small), List.of(large), List.of(tail));
  }

  @Test
  void groupsFillABatchUntilTheNextWouldOverflowIt() {
    List<RecommendationBatch> batches =
        Batches.pack(List.of(group("a", 2), group("b", 2), group("c", 1), group("d", 3)), 5);

    assertThat(batches).extracting(RecommendationBatch::size).containsExactly(5, 3);
    assertThat(batches.get(0).recommendations()).hasSize(5);
  }

  @Test
  void batchesAreTheSameWhateverOrderTheGroupsCameIn() {
    List<RecommendationGroup> groups = randomGroups(new Random(3), 80);
    List<RecommendationGroup> shuffled = new ArrayList<>(groups);
    Collections.shuffle(shuffled, new Random(4));

    assertThat(Batches.pack(shuffled, 10)).isEqualTo(Batches.pack(groups, 10));
  }

  @Test
  void batchSizeBelowOneIsRefused() {
    assertThatThrownBy(() -> Batches.pack(List.of(group("a", 1)), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("batchSize");
  }

  @Test
  void noGroupsGiveNoBatches() {
    assertThat(Batches.pack(List.of(), 10)).isEmpty();
  }

  private static List<RecommendationGroup> randomGroups(Random random, int count) {
    List<RecommendationGroup> groups = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      // Mostly singletons, some pairs and triples, now and then a big group.
      int size =
          random.nextInt(10) < 6
              ? 1
              : random.nextInt(10) < 8 ? 2 + random.nextInt(2) : 4 + random.nextInt(20);
      groups.add(group(String.format("r%04d", i), size));
    }
    return groups;
  }

  private static RecommendationGroup group(String prefix, int size) {
    List<Recommendation> members = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      Resource volume = Fixtures.volume(prefix + "-vol-" + i, "gp3:10", null);
      members.add(
          DependencyGroupingTest.recommendation(RecommendationAction.DELETE_VOLUME, volume));
    }
    return new RecommendationGroup(members);
  }
}
