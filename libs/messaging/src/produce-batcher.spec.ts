import type { Message, Producer, ProducerRecord } from 'kafkajs';
import { MessageNotSentError, ProduceBatcher } from './produce-batcher';

/** A producer whose produce calls the test completes by hand, recording what each carried. */
function handProducer() {
  const calls: Array<{ values: string[]; done: (error?: Error) => void }> = [];
  const producer = {
    send: (record: ProducerRecord) =>
      new Promise((resolve, reject) => {
        calls.push({ values: record.messages.map((m: Message) => String(m.value)), done: (error) => (error ? reject(error) : resolve([])) });
      }),
  } as unknown as Producer;
  return { producer, calls };
}

const message = (value: string): Message => ({ value });
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('ProduceBatcher', () => {
  it('given an idle batcher then a message leaves at once; while that call is out, the next ones wait and leave together', async () => {
    const { producer, calls } = handProducer();
    const batcher = new ProduceBatcher(producer, 'topic');
    const first = batcher.send(message('a'), Date.now() + 10_000);
    const second = batcher.send(message('b'), Date.now() + 10_000);
    const third = batcher.send(message('c'), Date.now() + 10_000);
    expect(calls.map((c) => c.values)).toEqual([['a']]);
    calls[0].done();
    await first;
    await settle();
    expect(calls.map((c) => c.values)).toEqual([['a'], ['b', 'c']]);
    calls[1].done();
    await expect(Promise.all([second, third])).resolves.toEqual([undefined, undefined]);
  });

  it('given a produce call hanging (the broker away) when a waiting message passes its deadline then it is never sent, and says so', async () => {
    let now = 1_000;
    const { producer, calls } = handProducer();
    const batcher = new ProduceBatcher(producer, 'topic', () => now);
    const hanging = batcher.send(message('in-flight'), 4_000);
    const expired = batcher.send(message('expires'), 2_000);
    const patient = batcher.send(message('patient'), 9_000);
    now = 3_000;
    calls[0].done(new Error('broker gone'));
    await expect(hanging).rejects.toThrow('broker gone');
    await expect(expired).rejects.toBeInstanceOf(MessageNotSentError);
    await settle();
    expect(calls.map((c) => c.values)).toEqual([['in-flight'], ['patient']]);
    calls[1].done();
    await expect(patient).resolves.toBeUndefined();
  });

  it('given a message withdrawn while it waits then it is not in the next call; one already in a call cannot be withdrawn', async () => {
    const { producer, calls } = handProducer();
    const batcher = new ProduceBatcher(producer, 'topic');
    const taken = batcher.enqueue(message('taken'), Date.now() + 10_000);
    const waiting = batcher.enqueue(message('waiting'), Date.now() + 10_000);
    const other = batcher.enqueue(message('other'), Date.now() + 10_000);
    expect(waiting.withdraw()).toBe(true);
    expect(waiting.withdraw()).toBe(false);
    await expect(waiting.sent).rejects.toBeInstanceOf(MessageNotSentError);
    expect(taken.withdraw()).toBe(false);
    calls[0].done();
    await settle();
    expect(calls.map((c) => c.values)).toEqual([['taken'], ['other']]);
    expect(batcher.queued).toBe(0);
    calls[1].done();
    await expect(Promise.all([taken.sent, other.sent])).resolves.toEqual([undefined, undefined]);
  });
});
