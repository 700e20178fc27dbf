// Integration and end-to-end tests start real processes and brokers: give them time.
jest.setTimeout(120_000);
