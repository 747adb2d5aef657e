// Public surface of core/mail (issue 12); each owner adds its exports here.
export {};
