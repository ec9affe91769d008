//! The messages between the page and a simulation worker (`src/worker.rs` on the worker's side,
//! `src/runner.rs` on the page's), encoded with bincode: a batch of replications is tens of
//! kilobytes of numbers, sent as bytes whose buffer is transferred, not copied.
//!
//! A worker holds one run at a time. The page gives it replication indices a few at a time
//! ([`ToWorker::Run`], then [`ToWorker::More`]), so that a worker slowed down (by the page's own
//! work on a shared core) takes fewer, and a worker that fails gives back only what it held.
//! The worker simulates each replication in slices and turns its event loop between them: it
//! reads [`ToWorker::Stop`] or a new run within a few milliseconds, and says it is alive
//! ([`FromWorker::Progress`]) during a long replication, so the page can tell a slow worker from
//! a stuck one.
//!
//! The scenario travels as its JSON text (the engine's documented format): bincode cannot carry
//! serde's internally tagged and flattened enums that the scenario uses.
//!
//! The page does not summarise: a batch's replications travel as [`Encoded`] bytes that the page
//! passes on, undecoded, to the summary worker ([`ToWorker::Follow`], [`ToWorker::Gather`],
//! [`ToWorker::Summarise`]), which answers with the baseline's and the scenario's summaries and
//! their paired comparison ([`FromWorker::Summaries`]), ready to draw.

use std::marker::PhantomData;

use parcours_engine::{Budget, Comparison, Layout, Replication, SimError, Summary};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::RunId;
use crate::levers::Settings;
use crate::optimise::{Found, SearchProgress};

/// Page → worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ToWorker {
    /// Starts run `run`, replacing any run in progress: the scenario's JSON text, the seed, the
    /// budget of each replication, and the first replication indices to simulate.
    Run {
        run: RunId,
        scenario_json: String,
        seed: u64,
        budget: Budget,
        indices: Vec<u64>,
    },
    /// More replication indices for run `run` (ignored if it is no longer the current run).
    More { run: RunId, indices: Vec<u64> },
    /// Stops run `run` if it is the current one.
    Stop { run: RunId },
    /// Runs the budget optimiser's search (`optimise::search`) for the page's search worker:
    /// the scenario shown (JSON), the question (`analysis::OptimiseAsk` as JSON: its optional
    /// fields are not bincode's), and the seed of the simulation when the search runs on it.
    /// Answered by [`FromWorker::Optimised`], after [`FromWorker::Searching`] while it runs on
    /// the simulation.
    Optimise {
        run: RunId,
        scenario_json: String,
        ask_json: String,
        seed: u64,
    },
    /// Computes target seeking's first guesses (`analysis::SeekAsk::guesses`) for the page's
    /// search worker: the network (JSON), the settings applied to it and the question
    /// (`analysis::SeekAsk` as JSON). Answered by [`FromWorker::Guessed`].
    Guess {
        run: RunId,
        network_json: String,
        settings: Settings,
        ask_json: String,
    },
    /// Evaluates « Où agir ? »'s plan on the fluid model (`marginal::fluid_plan`) for the
    /// page's search worker: the network (JSON) and the settings applied to it. Answered by
    /// [`FromWorker::FluidRanked`].
    FluidRank {
        run: RunId,
        network_json: String,
        settings: Settings,
    },
    /// For the summary worker: run `run` of `side` starts (replacing that side's run): its
    /// layout, seed and number of replications (`RunProgress::new`).
    Follow {
        side: Side,
        run: RunId,
        layout: Layout,
        seed: u64,
        total: usize,
    },
    /// For the summary worker: `side` shows no run any more (no comparison either).
    Forget { side: Side },
    /// For the summary worker: a batch of run `run` of `side` as a simulation worker encoded
    /// it; only the replications of `fresh` are new (the others arrived from a worker thought lost).
    Gather {
        side: Side,
        run: RunId,
        fresh: Vec<u64>,
        replications: Encoded<Vec<Replication>>,
    },
    /// For the summary worker: the summaries of the sides that gathered replications since the
    /// last request, and the comparison if either did. `stopped`: the runs get no more
    /// replications (cancelled; a summary is then the engine's exactly, as at a run's end).
    /// Answered by [`FromWorker::Summaries`] with the same `request`.
    Summarise { request: u64, stopped: bool },
}

/// The page's two runs, which the summary worker follows: the baseline and the scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Side {
    Base,
    Scen,
}

/// A side's summary as the summary worker made it: its run, the replications it covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summarised {
    pub run: RunId,
    pub done: usize,
    pub summary: Option<Box<Summary>>,
}

/// The paired comparison of the two runs named (none when they share no replication yet).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Compared {
    pub base_run: RunId,
    pub scen_run: RunId,
    pub comparison: Option<Comparison>,
}

/// A value carried as its encoded bytes: a batch's replications go from a simulation worker
/// through the page to the summary worker without being decoded on the page's thread.
pub struct Encoded<T> {
    bytes: Vec<u8>,
    of: PhantomData<fn() -> T>,
}

impl<T: Serialize> Encoded<T> {
    pub fn new(value: &T) -> Self {
        Encoded {
            bytes: encode(value),
            of: PhantomData,
        }
    }
}

impl<T: DeserializeOwned> Encoded<T> {
    pub fn decode(&self) -> Result<T, DecodeError> {
        decode(&self.bytes)
    }
}

impl<T> Encoded<T> {
    /// Bytes of the encoded value.
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }
}

impl<T> Clone for Encoded<T> {
    fn clone(&self) -> Self {
        Encoded {
            bytes: self.bytes.clone(),
            of: PhantomData,
        }
    }
}

impl<T> PartialEq for Encoded<T> {
    fn eq(&self, other: &Self) -> bool {
        self.bytes == other.bytes
    }
}

impl<T> std::fmt::Debug for Encoded<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Encoded({} bytes)", self.bytes.len())
    }
}

/// As bytes (bincode: a length, then the bytes copied in one go).
impl<T> Serialize for Encoded<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(&self.bytes)
    }
}

impl<'de, T> Deserialize<'de> for Encoded<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Bytes;
        impl serde::de::Visitor<'_> for Bytes {
            type Value = Vec<u8>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("bytes")
            }
            fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Vec<u8>, E> {
                Ok(v.to_vec())
            }
            fn visit_byte_buf<E: serde::de::Error>(self, v: Vec<u8>) -> Result<Vec<u8>, E> {
                Ok(v)
            }
        }
        let bytes = deserializer.deserialize_byte_buf(Bytes)?;
        Ok(Encoded {
            bytes,
            of: PhantomData,
        })
    }
}

/// Worker → page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum FromWorker {
    /// The worker has loaded its WebAssembly and waits for work.
    Ready,
    /// The worker has read the page's message about run `run` (a run, more indices or a stop):
    /// it is responsive. Sent as soon as the message is read.
    Ack { run: RunId },
    /// Replications of run `run`, in the order they finished (their indices, and the events
    /// they took in all), encoded for the summary worker. `idle`: the worker has simulated
    /// every index it was given and waits for more.
    Batch {
        run: RunId,
        indices: Vec<u64>,
        events: u64,
        replications: Encoded<Vec<Replication>>,
        /// Milliseconds spent simulating these replications (the page sizes what it gives next).
        busy_ms: f64,
        idle: bool,
    },
    /// Still simulating replication `index` of run `run` (sent about twice a second during a
    /// long replication): the day it has reached and the events processed so far.
    Progress {
        run: RunId,
        index: u64,
        day: f64,
        events: u64,
    },
    /// Replication `index` of run `run` stopped: it ran past its budget, or the scenario could
    /// not be read. The worker drops the run.
    Failed {
        run: RunId,
        index: Option<u64>,
        error: WorkerError,
    },
    /// The worker panicked (its panic hook's last words): it cannot go on and is replaced.
    Panicked { message: String },
    /// The optimiser's search of [`ToWorker::Optimise`] `run`: the front and finalists, or why not.
    Optimised {
        run: RunId,
        found: Result<Found, String>,
    },
    /// How far the search of [`ToWorker::Optimise`] `run` has gone on the simulation, after
    /// each mix simulated (the search does not turn the event loop: the page cannot ask).
    Searching {
        run: RunId,
        progress: SearchProgress,
    },
    /// The guesses of [`ToWorker::Guess`] `run`, one for each lever allowed, or why not.
    Guessed {
        run: RunId,
        guesses: Result<Vec<Option<f64>>, String>,
    },
    /// The fluid evaluation of [`ToWorker::FluidRank`] `run`, or why not.
    FluidRanked {
        run: RunId,
        plan: Result<crate::marginal::FluidPlan, String>,
    },
    /// The summary worker's answer to [`ToWorker::Summarise`] `request`: the summary of each side
    /// that gathered replications since the last answer, and, if either did, the comparison.
    Summaries {
        request: u64,
        base: Option<Summarised>,
        scen: Option<Summarised>,
        compared: Option<Compared>,
    },
}

/// Why a worker dropped a run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum WorkerError {
    /// The scenario's text could not be read or validated (the page validates it first: this
    /// says the two disagree).
    Scenario(String),
    /// A replication ran past its budget.
    Budget(SimError),
}

/// Why a message could not be decoded.
#[derive(Debug, Clone, PartialEq)]
pub struct DecodeError(pub String);

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unreadable worker message: {}", self.0)
    }
}

/// A message as bytes.
pub fn encode<T: Serialize>(message: &T) -> Vec<u8> {
    bincode::serialize(message).expect("worker messages always serialize")
}

/// A message from its bytes.
pub fn decode<T: for<'de> Deserialize<'de>>(bytes: &[u8]) -> Result<T, DecodeError> {
    bincode::deserialize(bytes).map_err(|e| DecodeError(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use parcours_engine::{default_scenario, simulate, Model};

    #[test]
    fn messages_come_back_identical() {
        let scenario = default_scenario();
        let model = Model::new(&scenario).expect("valid");
        let replications: Vec<_> = (0..2)
            .map(|i| simulate(&model, 7, i).expect("runs"))
            .collect();
        let batch = FromWorker::Batch {
            run: 3,
            indices: vec![0, 1],
            events: replications.iter().map(|r| r.events).sum(),
            replications: Encoded::new(&replications),
            busy_ms: 12.5,
            idle: true,
        };
        let back: FromWorker = decode(&encode(&batch)).unwrap();
        assert_eq!(back, batch);
        let FromWorker::Batch {
            replications: carried,
            ..
        } = back
        else {
            panic!("a batch comes back a batch")
        };
        // Passed on to the summary worker and decoded there: the same replications.
        let gather = ToWorker::Gather {
            side: Side::Scen,
            run: 3,
            fresh: vec![1],
            replications: carried,
        };
        let ToWorker::Gather {
            replications: carried,
            ..
        } = decode::<ToWorker>(&encode(&gather)).unwrap()
        else {
            panic!("a gather comes back a gather")
        };
        // Debug text, not `==`: undefined headline figures are NaN, and NaN != NaN.
        assert_eq!(
            format!("{:?}", carried.decode().unwrap()),
            format!("{replications:?}")
        );
        // The summary worker's answer: the summaries and the comparison to the bit.
        let mut base = crate::runs::RunProgress::new(1, model.layout().clone(), 7, 2);
        base.add(replications.clone());
        let mut scen = crate::runs::RunProgress::new(2, model.layout().clone(), 7, 2);
        scen.add(replications[1..].to_vec());
        let answer = FromWorker::Summaries {
            request: 8,
            base: Some(Summarised {
                run: 1,
                done: 2,
                summary: base.summary(true).map(Box::new),
            }),
            scen: Some(Summarised {
                run: 2,
                done: 1,
                summary: scen.summary(false).map(Box::new),
            }),
            compared: Some(Compared {
                base_run: 1,
                scen_run: 2,
                comparison: base.compare(&scen).ok(),
            }),
        };
        let back: FromWorker = decode(&encode(&answer)).unwrap();
        assert_eq!(format!("{back:?}"), format!("{answer:?}"));
        let follow = ToWorker::Follow {
            side: Side::Base,
            run: 1,
            layout: model.layout().clone(),
            seed: 7,
            total: 1000,
        };
        assert_eq!(decode::<ToWorker>(&encode(&follow)).unwrap(), follow);
        for message in [
            ToWorker::Forget { side: Side::Scen },
            ToWorker::Summarise {
                request: 3,
                stopped: true,
            },
        ] {
            assert_eq!(decode::<ToWorker>(&encode(&message)).unwrap(), message);
        }

        let run = ToWorker::Run {
            run: u64::MAX,
            scenario_json: serde_json::to_string(&scenario).expect("json"),
            seed: u64::MAX - 1,
            budget: Budget::default(),
            indices: vec![0, 2, 4],
        };
        assert_eq!(decode::<ToWorker>(&encode(&run)).unwrap(), run);
        let search = ToWorker::Optimise {
            run: 9,
            scenario_json: "{}".into(),
            ask_json: "{}".into(),
            seed: 42,
        };
        assert_eq!(decode::<ToWorker>(&encode(&search)).unwrap(), search);
        let mut settings = crate::levers::Settings::default();
        settings
            .values
            .insert("lever-places-chrs".parse().unwrap(), 600.0);
        settings.openings.push(crate::levers::Opening {
            stage: "chrs".into(),
            month: 12,
            places: -20,
        });
        let guess = ToWorker::Guess {
            run: 10,
            network_json: "{}".into(),
            settings,
            ask_json: "{}".into(),
        };
        assert_eq!(decode::<ToWorker>(&encode(&guess)).unwrap(), guess);
        let network = parcours_engine::default_scenario();
        let fluid = ToWorker::FluidRank {
            run: 11,
            network_json: "{}".into(),
            settings: crate::levers::Settings::default(),
        };
        assert_eq!(decode::<ToWorker>(&encode(&fluid)).unwrap(), fluid);
        for message in [
            FromWorker::Ready,
            FromWorker::Ack { run: 1 },
            FromWorker::Progress {
                run: 2,
                index: 9,
                day: 31.5,
                events: 4096,
            },
            FromWorker::Failed {
                run: 2,
                index: Some(9),
                error: WorkerError::Budget(SimError::TooManyEvents {
                    limit: 10,
                    day: 3,
                    horizon_days: 1826,
                }),
            },
            FromWorker::Panicked {
                message: "index out of bounds".into(),
            },
            FromWorker::Optimised {
                run: 4,
                found: Err("no lever".into()),
            },
            FromWorker::Optimised {
                run: 5,
                found: Ok(crate::optimise::Found {
                    method: crate::optimise::Method::Surrogate,
                    strategy: crate::optimise::Strategy::Greedy,
                    front: vec![crate::optimise::FrontPoint {
                        budget: 4e5,
                        mix: vec![0, 2],
                        cost: 3.9e5,
                        value: 120.5,
                    }],
                    finalists: vec![vec![0, 2], vec![1, 1]],
                    start_value: Some(130.0),
                    evaluations: 17,
                    replications: None,
                    values: [(vec![0, 2], 120.5)].into_iter().collect(),
                    opening_order: vec![1, 0],
                }),
            },
            FromWorker::Searching {
                run: 6,
                progress: crate::optimise::SearchProgress {
                    mixes: 12,
                    planned: Some(40),
                    replications: 10,
                    budget: 3,
                },
            },
            FromWorker::Guessed {
                run: 6,
                guesses: Ok(vec![Some(12.0), None]),
            },
            FromWorker::FluidRanked {
                run: 11,
                plan: crate::marginal::fluid_plan(&network, &crate::levers::Settings::default())
                    .map_err(|e| format!("{e:?}")),
            },
            FromWorker::FluidRanked {
                run: 12,
                plan: Ok(crate::marginal::FluidPlan {
                    steps: Vec::new(),
                    costs: vec![None],
                    values: vec![vec![Some(1.0), None]],
                    unreliable: Some(parcours_engine::fluid::Unreliable::Saturated {
                        stage: "hu".into(),
                        utilisation: 0.97,
                    }),
                }),
            },
        ] {
            assert_eq!(decode::<FromWorker>(&encode(&message)).unwrap(), message);
        }
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(decode::<FromWorker>(&[]).is_err());
        assert!(decode::<FromWorker>(&[200, 1, 2, 3]).is_err());
        // A length prefix far beyond the bytes: refused, not allocated.
        let mut huge = encode(&ToWorker::More {
            run: 1,
            indices: vec![],
        });
        let n = huge.len();
        huge[n - 8..].copy_from_slice(&u64::MAX.to_le_bytes());
        assert!(decode::<ToWorker>(&huge).is_err());
    }
}
