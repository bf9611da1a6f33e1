//! The index behind [`DuplicateCheck`](super::DuplicateCheck): from a 64-bit
//! digest to the ordinal of the customer that has it.
//!
//! Nearly every digest a run looks up is new, so the index answers "new"
//! without reading its entries, and remembers a digest without writing at
//! random:
//!
//! - a [`Filter`], a Bloom filter with each digest's 6 bits in one 64-bit
//!   word, 16 bits a digest (2 bytes, against 12 for an entry), lets about 4
//!   new digests in a thousand through. The rest are answered with one read;
//! - [`PARTITIONS`] partitions, chosen by the digest's top bits, each append
//!   their entries. A lookup the filter lets through reads the partition's
//!   sorted entries from where the digest should be (the digests are uniform),
//!   then its recent ones, in arrival order, one by one. Once lookups have
//!   read [`MERGE_AFTER`] times as many recent entries as the partition holds,
//!   the recent ones are sorted and merged in, in one pass from the end.
//!
//! A run without duplicates thus hardly ever merges. One with many merges as
//! often as its lookups need, and no lookup reads more than its partition.

/// An entry: the digest's high and low halves, then the ordinal (12 bytes).
type Entry = [u32; 3];

fn entry(digest: u64, ordinal: u32) -> Entry {
    [(digest >> 32) as u32, digest as u32, ordinal]
}

fn entry_digest(entry: &Entry) -> u64 {
    (u64::from(entry[0]) << 32) | u64::from(entry[1])
}

/// Top digest bits that choose a partition: 256, so that at a million digests a
/// partition is about 47 KB, and merging it stays within the processor's cache.
const PARTITION_BITS: u32 = 8;
const PARTITIONS: usize = 1 << PARTITION_BITS;
/// Recent entries are merged once lookups have read this many times as many
/// entries as their partition holds (a merge reads and writes them all).
const MERGE_AFTER: usize = 4;
/// A partition grows by this fraction of itself (so growing copies an entry a
/// bounded number of times, and leaves at most an eighth empty).
const RUN_GROWTH: usize = 8;

/// Filter bits a digest, for the digests the filter is sized for; once it
/// holds a quarter more, it is built again for twice as many as it holds.
const FILTER_BITS: usize = 16;
/// Bits a digest sets in its word.
const FILTER_HASHES: u32 = 6;
/// Digests the first filter is sized for.
const FILTER_INITIAL: usize = 1 << 10;

#[derive(Debug, Clone)]
pub(super) struct Index {
    filter: Filter,
    parts: Vec<Part>,
    len: usize,
    /// Room to sort a partition's recent entries in.
    scratch: Vec<Entry>,
}

/// A partition's entries: `entries[..sorted]` in strictly increasing digest
/// order, the rest (the recent ones) in arrival order.
#[derive(Debug, Clone, Default)]
struct Part {
    entries: Vec<Entry>,
    sorted: usize,
    /// Recent entries lookups have read since the last merge.
    scanned: usize,
}

/// A Bloom filter whose every digest sets [`FILTER_HASHES`] bits of one 64-bit
/// word: one read tells whether a digest may be present.
#[derive(Debug, Clone, Default)]
struct Filter {
    words: Vec<u64>,
    /// Digests it is sized for.
    capacity: usize,
}

impl Filter {
    fn with_capacity(capacity: usize) -> Self {
        let words = capacity.saturating_mul(FILTER_BITS).div_ceil(64).max(1);
        Filter {
            words: vec![0; words],
            capacity,
        }
    }

    /// The word of a digest (its low 32 bits scaled to the words) and its bits
    /// there: [`FILTER_HASHES`] positions of 6 bits each, from the digest
    /// multiplied by an odd constant (the golden ratio's), whose high bits
    /// mix all of it.
    fn place(&self, digest: u64) -> (usize, u64) {
        let word = ((digest & 0xFFFF_FFFF) * self.words.len() as u64) >> 32;
        let bits = digest.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let mut mask = 0u64;
        for i in 1..=FILTER_HASHES {
            mask |= 1u64 << ((bits >> (64 - 6 * i)) & 63);
        }
        (word as usize, mask)
    }

    fn may_hold(&self, digest: u64) -> bool {
        let (word, mask) = self.place(digest);
        self.words.get(word).is_some_and(|w| w & mask == mask)
    }

    fn add(&mut self, digest: u64) {
        let (word, mask) = self.place(digest);
        if let Some(w) = self.words.get_mut(word) {
            *w |= mask;
        }
    }

    /// The word a digest's lookup reads (to bring it into the cache).
    fn word(&self, digest: u64) -> u64 {
        let (word, _) = self.place(digest);
        self.words.get(word).copied().unwrap_or_default()
    }
}

impl Index {
    pub(super) fn new() -> Self {
        Index {
            filter: Filter::default(),
            parts: vec![Part::default(); PARTITIONS],
            len: 0,
            scratch: Vec::new(),
        }
    }

    /// Sizes the filter for `records` digests, and every partition for its
    /// share of them: the mean share and three standard deviations (a
    /// partition's share is binomial), so that hardly one grows after all.
    pub(super) fn reserve(&mut self, records: usize) {
        if self.filter.capacity < records {
            self.rebuild_filter(records);
        }
        let mean = records.div_ceil(PARTITIONS);
        let share = mean.saturating_add(3 * mean.isqrt());
        for part in &mut self.parts {
            let room = share.saturating_sub(part.entries.len());
            part.entries.reserve_exact(room);
        }
    }

    pub(super) fn heap_bytes(&self) -> usize {
        let entry = std::mem::size_of::<Entry>();
        self.filter.words.capacity() * std::mem::size_of::<u64>()
            + (self.parts.capacity() * std::mem::size_of::<Part>())
            + self.scratch.capacity() * entry
            + self
                .parts
                .iter()
                .map(|p| p.entries.capacity() * entry)
                .sum::<usize>()
    }

    fn part(digest: u64) -> usize {
        (digest >> (64 - PARTITION_BITS)) as usize
    }

    /// The filter word `digest`'s lookup reads (read ahead to bring it into
    /// the cache).
    pub(super) fn filter_word(&self, digest: u64) -> u64 {
        self.filter.word(digest)
    }

    /// The ordinal stored with `digest`, if it is present. A lookup the filter
    /// lets through reads its partition's recent entries one by one; once
    /// lookups have read [`MERGE_AFTER`] times as many as the partition holds,
    /// the recent entries are merged into the sorted ones.
    pub(super) fn find(&mut self, digest: u64) -> Option<u32> {
        if !self.filter.may_hold(digest) {
            return None;
        }
        let part = self.parts.get_mut(Index::part(digest))?;
        let (run, recent) = part
            .entries
            .split_at_checked(part.sorted)
            .unwrap_or((&[], &part.entries));
        if let Some(found) = find_in_run(run, digest) {
            return Some(found);
        }
        let found = recent
            .iter()
            .find(|e| entry_digest(e) == digest)
            .map(|e| e[2]);
        part.scanned += recent.len();
        if part.scanned > MERGE_AFTER * part.entries.len() {
            part.merge(&mut self.scratch);
        }
        found
    }

    /// Adds `digest`, known to be absent.
    pub(super) fn insert(&mut self, digest: u64, ordinal: u32) {
        // A filter holding a quarter more digests than it is sized for still
        // rules out most new digests: a run that outgrows the room it made by
        // a little does not build its filter again.
        if self.len >= self.filter.capacity + self.filter.capacity / 4 {
            let capacity = self.len.saturating_mul(2);
            self.rebuild_filter(capacity.max(FILTER_INITIAL));
        }
        self.filter.add(digest);
        self.len += 1;
        if let Some(part) = self.parts.get_mut(Index::part(digest)) {
            let entries = &mut part.entries;
            if entries.len() == entries.capacity() {
                // Exactly: a doubling would leave up to half of it empty.
                entries.reserve_exact((entries.len() / RUN_GROWTH).max(16));
            }
            entries.push(entry(digest, ordinal));
        }
    }

    /// Builds the filter again for `capacity` digests, from every entry.
    fn rebuild_filter(&mut self, capacity: usize) {
        let mut filter = Filter::with_capacity(capacity);
        for part in &self.parts {
            for e in &part.entries {
                filter.add(entry_digest(e));
            }
        }
        self.filter = filter;
    }
}

impl Part {
    /// Merges the recent entries into the sorted ones: sorted aside, then
    /// placed from the end down, each sorted entry moved once.
    fn merge(&mut self, scratch: &mut Vec<Entry>) {
        scratch.clear();
        scratch.extend_from_slice(self.entries.get(self.sorted..).unwrap_or_default());
        scratch.sort_unstable_by_key(entry_digest);
        // `entries[..unmoved]` holds the sorted entries not moved yet,
        // `entries[free..]` the merged ones; the gap between them is as long
        // as the recent entries still to place.
        let mut unmoved = self.sorted.min(self.entries.len());
        let mut free = self.entries.len();
        for &new in scratch.iter().rev() {
            let digest = entry_digest(&new);
            let larger = self
                .entries
                .get(..unmoved)
                .unwrap_or_default()
                .iter()
                .rposition(|e| entry_digest(e) < digest)
                .map_or(0, |at| at + 1);
            let gap = free - unmoved;
            self.entries.copy_within(larger..unmoved, larger + gap);
            free = larger + gap - 1;
            if let Some(slot) = self.entries.get_mut(free) {
                *slot = new;
            }
            unmoved = larger;
        }
        self.sorted = self.entries.len();
        self.scanned = 0;
    }
}

/// Entries a lookup reads one after another from where its digest should be
/// before it searches the rest of the run by halves.
const NEAR: usize = 64;

/// The ordinal of `digest` in a run, searched from where it should be: among
/// `n` uniform digests, the rank of one strays from its expected place by
/// about √n / 2 (25 entries in a run of 2,500), so reading on from there finds
/// its place within a few cache lines read in order. Beyond [`NEAR`] entries
/// (digests that are not uniform), the rest of that side is searched by halves.
fn find_in_run(run: &[Entry], digest: u64) -> Option<u32> {
    let below = |e: &Entry| entry_digest(e) < digest;
    let expected = (u128::from(digest << PARTITION_BITS) * run.len() as u128) >> 64;
    let guess = (expected as usize).min(run.len().saturating_sub(1));
    // The first place whose digest is not smaller.
    let at = match run.get(guess) {
        None => 0,
        Some(e) if below(e) => {
            let after = run.get(guess + 1..).unwrap_or_default();
            let near = after.get(..NEAR).unwrap_or(after);
            guess
                + 1
                + match near.iter().position(|e| !below(e)) {
                    Some(p) => p,
                    None => {
                        near.len()
                            + after
                                .get(near.len()..)
                                .unwrap_or_default()
                                .partition_point(below)
                    }
                }
        }
        Some(_) => {
            let before = run.get(..guess).unwrap_or_default();
            let start = before.len().saturating_sub(NEAR);
            let near = before.get(start..).unwrap_or_default();
            match near.iter().rposition(below) {
                Some(p) => start + p + 1,
                None => before
                    .get(..start)
                    .unwrap_or_default()
                    .partition_point(below),
            }
        }
    };
    run.get(at)
        .filter(|e| entry_digest(e) == digest)
        .map(|e| e[2])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mix(mut z: u64) -> u64 {
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn sorted_part(part: &Part) -> &[Entry] {
        part.entries.get(..part.sorted).unwrap_or_default()
    }

    #[test]
    fn every_digest_is_found_before_and_after_merges() {
        let mut index = Index::new();
        for i in 0..200_000u64 {
            index.insert(mix(i), i as u32);
        }
        // Nothing has been looked up yet: nothing is merged.
        assert!(index.parts.iter().all(|p| p.sorted == 0));
        for round in 0..2 {
            for i in 0..200_000u64 {
                assert_eq!(index.find(mix(i)), Some(i as u32), "{i} in round {round}");
            }
        }
        // Lookups merged every partition, which stays in digest order.
        for part in &index.parts {
            assert!(part.sorted > 0);
            assert!(sorted_part(part)
                .windows(2)
                .all(|w| entry_digest(&w[0]) < entry_digest(&w[1])));
        }
    }

    /// Reading from where a digest should be is a shortcut only: digests far
    /// from there (here all in the lowest corner of one partition, or all in
    /// its highest) are found by searching the rest of the run, and absent
    /// digests between present ones are not found.
    #[test]
    fn digests_far_from_their_expected_place_are_found() {
        let mut index = Index::new();
        let digest = |i: u64| (0x42 << 56) | (i * 3);
        let high = |i: u64| (0x43 << 56) | (0x00FF_FFFF_FFFF_FFFF - i * 3);
        for i in 0..5_000u64 {
            index.insert(digest(i), i as u32);
            index.insert(high(i), i as u32);
        }
        index.insert(u64::MAX, 7);
        for _ in 0..3 {
            for i in 0..5_000u64 {
                assert_eq!(index.find(digest(i)), Some(i as u32));
                assert_eq!(index.find(digest(i) + 1), None);
                assert_eq!(index.find(high(i)), Some(i as u32));
                assert_eq!(index.find(high(i) - 1), None);
            }
        }
        assert!(index.parts.get(0x42).is_some_and(|p| p.sorted == 5_000));
        assert_eq!(index.find(u64::MAX), Some(7));
        assert_eq!(index.find(0), None);
    }

    /// At 16 bits a digest, about 4 absent digests in a thousand pass the
    /// filter (4,063 here); the rest are answered without reading a partition.
    #[test]
    fn the_filter_rules_out_nearly_every_absent_digest() {
        let mut index = Index::new();
        index.reserve(100_000);
        for i in 0..100_000u64 {
            index.insert(mix(i), i as u32);
        }
        let passed = (1_000_000..2_000_000u64)
            .filter(|&i| index.filter.may_hold(mix(i)))
            .count();
        assert!(
            passed < 6_000,
            "{passed} of 1,000,000 absent digests passed"
        );
        assert!(passed > 0);
    }

    #[test]
    fn a_merge_places_entries_before_between_and_after_the_sorted_ones() {
        let mut part = Part {
            entries: vec![
                entry(10, 0),
                entry(20, 1),
                entry(30, 2),
                entry(35, 3),
                entry(5, 4),
                entry(25, 5),
                entry(15, 6),
            ],
            sorted: 3,
            scanned: 99,
        };
        part.merge(&mut Vec::new());
        let digests: Vec<u64> = part.entries.iter().map(entry_digest).collect();
        assert_eq!(digests, [5, 10, 15, 20, 25, 30, 35]);
        let ordinals: Vec<u32> = part.entries.iter().map(|e| e[2]).collect();
        assert_eq!(ordinals, [4, 0, 6, 1, 5, 2, 3]);
        assert_eq!((part.sorted, part.scanned), (7, 0));
    }

    proptest::proptest! {
        /// A run's search finds exactly the digests a binary search finds, on
        /// runs uniform, clustered at either end, or both.
        #[test]
        fn a_run_is_searched_exactly(raw in proptest::collection::btree_set((0u64..3, proptest::num::u64::ANY), 0..2_000), probes in proptest::collection::vec(proptest::num::u64::ANY, 0..200)) {
            let shape = |(kind, bits): (u64, u64)| match kind {
                0 => bits >> 8,
                1 => bits >> 50,
                _ => (u64::MAX >> 8) - (bits >> 50),
            };
            let mut digests: Vec<u64> = raw.iter().map(|&d| shape(d)).collect();
            digests.sort_unstable();
            digests.dedup();
            let run: Vec<Entry> = digests.iter().enumerate().map(|(i, &d)| entry(d, i as u32)).collect();
            for (i, &d) in digests.iter().enumerate() {
                proptest::prop_assert_eq!(find_in_run(&run, d), Some(i as u32));
            }
            for probe in probes {
                let probe = probe >> 8;
                let expected = digests.binary_search(&probe).ok().map(|i| i as u32);
                proptest::prop_assert_eq!(find_in_run(&run, probe), expected);
            }
        }

        /// The index answers as a map does, whatever the order of lookups
        /// and insertions, on digests that crowd a few partitions (so that
        /// lookups pass the filter, read recent entries and merge them).
        #[test]
        fn the_index_is_a_map(ops in proptest::collection::vec((0u64..3, 0u64..400), 0..3_000)) {
            let mut index = Index::new();
            let mut model = std::collections::HashMap::new();
            for (n, &(part, key)) in ops.iter().enumerate() {
                let digest = (part << 56) | mix(key) >> 8;
                let found = index.find(digest);
                proptest::prop_assert_eq!(found, model.get(&digest).copied());
                if found.is_none() {
                    index.insert(digest, n as u32);
                    model.insert(digest, n as u32);
                }
            }
            for (&digest, &ordinal) in &model {
                proptest::prop_assert_eq!(index.find(digest), Some(ordinal));
            }
        }
    }
}
