import { buildProgram } from '../../../src/cli/program';

const ALL = ['analyze', 'capture', 'accept', 'sections', 'run', 'status', 'scaffold', 'test', 'ci', 'init'];

describe('buildProgram loads only the command the arguments name', () => {
  it.each<[string, string[], string[]]>([
    ['a command', ['accept', '--expected', 'a.csv'], ['accept']],
    ['a command after a global option', ['--debug', 'analyze', 'procedures/'], ['analyze']],
    ['no command (help, version)', ['--help'], ALL],
    ['help for a command', ['help', 'accept'], ALL],
    ['a typo, so commander can suggest the right one', ['acept'], ALL],
    ['nothing at all', [], ALL],
  ])('%s', (_name, args, expected) => {
    expect(buildProgram(() => undefined, ['node', 'migrate', ...args]).commands.map((c) => c.name())).toEqual(expected);
  });

  it('registers every command without an argument vector', () => {
    expect(buildProgram(() => undefined).commands.map((c) => c.name())).toEqual(ALL);
  });
});
