import { AssignerProtocol, type PartitionAssigner } from 'kafkajs';

/**
 * kafkajs has no manual `assign()`: every consumer is in a group. A reply consumer is the only
 * member of its own (uniquely named) group, and this assigner hands it exactly the one partition
 * that its instance leased, so it reads its own replies and nobody else's.
 */
export function singlePartitionAssigner(topic: string, partition: number): PartitionAssigner {
  return () => ({
    name: 'SinglePartitionAssigner',
    version: 1,
    async assign({ members }) {
      if (members.length !== 1) {
        // A second member means the group id was reused: refuse to split replies between processes.
        throw new Error(`reply group must have exactly one member, found ${members.length}`);
      }
      return [
        {
          memberId: members[0].memberId,
          memberAssignment: AssignerProtocol.MemberAssignment.encode({
            version: 1,
            assignment: { [topic]: [partition] },
            userData: Buffer.alloc(0),
          }),
        },
      ];
    },
    protocol({ topics }) {
      return {
        name: 'SinglePartitionAssigner',
        metadata: AssignerProtocol.MemberMetadata.encode({ version: 1, topics, userData: Buffer.alloc(0) }),
      };
    },
  });
}
