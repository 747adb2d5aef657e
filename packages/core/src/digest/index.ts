// Public surface of core/digest (issue 12); each owner adds its exports here.
export {};
