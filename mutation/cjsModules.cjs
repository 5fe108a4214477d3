// Mocha 12 ships its command-line helpers as .cjs files, and the Stryker mocha runner (9.x, the
// last line that runs on Node 20) requires them without an extension. Resolving a bare path
// tries every registered extension in turn, so registering .cjs lets those requires find them.
require.extensions[".cjs"] ??= require.extensions[".js"];
