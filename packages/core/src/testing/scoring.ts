// For the benchmark: the same load the rescore job and the preview use.
export { loadScoringConnections as loadScoringConnectionsForBench } from "../icps/load-connections";
