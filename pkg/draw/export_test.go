package draw

// NodeIDs exposes the ids the renderers give the nodes, so that the tests
// can match what a parser read back with the nodes they drew.
var NodeIDs = nodeIDs
