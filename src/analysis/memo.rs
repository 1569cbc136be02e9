//! A direct-mapped memo of short words and what they became (a stem): one cache line a
//! word, found by its hash, overwritten by the next word of the same hash.
//!
//! Words repeat (Zipf), and the stemmers run on every token indexed. A hash map of
//! `String`s costs two or three cache misses a look-up (its slot, the key's bytes, the
//! value's); under `perf record` of indexing UNGDC, the map's look-ups were 7 % of CPU
//! time, more than the stemming they saved. Here a look-up reads one 64-byte slot.

use std::hash::Hasher;

/// Bytes a word, or what it became, has at most to be remembered; longer ones are
/// worked out each time.
const INLINE: usize = 31;
/// Slots at most: 1 MiB, about the second-level cache of a core.
const SLOTS: usize = 1 << 14;
/// Slots at first: a query's analysers remember a few words each, and zeroing a
/// mebibyte for each would cost more than the query (a tenth of a millisecond).
const FIRST_SLOTS: usize = 1 << 8;

/// One remembered word, on one cache line.
#[derive(Clone, Copy)]
#[repr(C, align(64))]
struct Slot {
    word_len: u8,
    word: [u8; INLINE],
    value_len: u8,
    value: [u8; INLINE],
}

impl Slot {
    const EMPTY: Slot = Slot { word_len: 0, word: [0; INLINE], value_len: 0, value: [0; INLINE] };

    fn word(&self) -> &[u8] {
        &self.word[..self.word_len as usize]
    }
}

/// Short words and their values, by hash. Empty until the first word is remembered, and
/// a clone starts empty: analysers are cloned for every field and segment. It starts
/// with [`FIRST_SLOTS`] and, once it has remembered as many words as it has slots,
/// grows to [`SLOTS`], forgetting them.
#[derive(Default)]
pub struct Memo {
    slots: Vec<Slot>,
    remembered: usize,
}

impl Clone for Memo {
    fn clone(&self) -> Self {
        Memo::default()
    }
}

/// The slot of `word` among `slots` (a power of two).
fn slot_of(word: &str, slots: usize) -> usize {
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(word.as_bytes());
    // rustc-hash's `finish` rotates its product so that the low bits are the best mixed.
    hasher.finish() as usize & (slots - 1)
}

impl Memo {
    /// What `word` became, if it is remembered.
    pub fn get(&self, word: &str) -> Option<&str> {
        if self.slots.is_empty() {
            return None;
        }
        let slot = &self.slots[slot_of(word, self.slots.len())];
        if slot.word_len == 0 || slot.word() != word.as_bytes() {
            return None;
        }
        std::str::from_utf8(&slot.value[..slot.value_len as usize]).ok()
    }

    /// Remembers what `word` became, in place of the word of the same slot; a word or
    /// value longer than the slot holds is not remembered.
    pub fn put(&mut self, word: &str, value: &str) {
        if word.is_empty() || word.len() > INLINE || value.len() > INLINE {
            return;
        }
        if self.slots.is_empty() || self.slots.len() < SLOTS && self.remembered >= self.slots.len() {
            let slots = if self.slots.is_empty() { FIRST_SLOTS } else { SLOTS };
            self.slots = vec![Slot::EMPTY; slots];
        }
        self.remembered += 1;
        let at = slot_of(word, self.slots.len());
        let slot = &mut self.slots[at];
        slot.word_len = word.len() as u8;
        slot.word[..word.len()].copy_from_slice(word.as_bytes());
        slot.value_len = value.len() as u8;
        slot.value[..value.len()].copy_from_slice(value.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slot_is_one_cache_line() {
        assert_eq!(std::mem::size_of::<Slot>(), 64);
    }

    #[test]
    fn words_are_remembered_until_another_takes_their_slot() {
        let mut memo = Memo::default();
        assert_eq!(memo.get("troops"), None);
        memo.put("troops", "troop");
        memo.put("Зеленського", "зеленськ");
        assert_eq!(memo.get("troops"), Some("troop"));
        assert_eq!(memo.get("Зеленського"), Some("зеленськ"));
        assert_eq!(memo.get("troop"), None);
        let long = "internationalisationsbestrebungen";
        memo.put(long, "x");
        assert_eq!(memo.get(long), None, "too long to remember");
        memo.put("", "");
        assert_eq!(memo.get(""), None);
        let slots = memo.slots.len();
        let rival =
            (0..100_000).map(|i| format!("w{i}")).find(|w| slot_of(w, slots) == slot_of("troops", slots));
        let rival = rival.unwrap();
        memo.put(&rival, "rival");
        assert_eq!((memo.get("troops"), memo.get(&rival)), (None, Some("rival")));
        assert_eq!(memo.clone().get(&rival), None, "a clone starts empty");
    }

    #[test]
    fn a_busy_memo_grows_and_forgets() {
        let mut memo = Memo::default();
        memo.put("troops", "troop");
        assert_eq!(memo.slots.len(), FIRST_SLOTS);
        (0..FIRST_SLOTS).for_each(|i| memo.put(&format!("w{i}"), "w"));
        assert_eq!(memo.slots.len(), SLOTS);
        assert_eq!(memo.get("troops"), None);
        memo.put("troops", "troop");
        assert_eq!(memo.get("troops"), Some("troop"));
    }
}
