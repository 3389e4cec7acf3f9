/**
 * `completion bash|zsh|fish`: completion scripts built from the command
 * table. They complete groups, commands, flags, and the values of enum flags.
 * Groups contain `:`, which bash treats as a word break, so the bash script
 * strips the typed prefix up to the last colon (as bash-completion's
 * __ltrim_colon_completions does) without needing that package.
 */
import type { TableIndex } from './argv.js';
import { FORMATS } from './globals.js';

/** Single-quoted shell word (bash, zsh and fish all accept `'…'\''…'`-style for bash/zsh). */
function sq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** fish escapes quotes inside single quotes with a backslash. */
function fq(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function fnName(bin: string): string {
  return '_' + bin.replace(/[^A-Za-z0-9]/g, '_');
}

interface Model {
  groups: string[];
  commands: Array<{ group: string; names: string[] }>;
  flags: Array<{
    group: string;
    command: string;
    flags: string[];
    choices: Array<{ flag: string; values: string[] }>;
    files: string[];
  }>;
  globals: string[];
  globalChoices: Array<{ flag: string; values: string[] }>;
  booleans: string[];
}

function model(ix: TableIndex): Model {
  const groups = [...ix.commands.keys()].sort();
  const booleans = new Set(ix.globals.filter((g) => g.kind === 'boolean').map((g) => `--${g.flag}`));
  const flags: Model['flags'] = [];
  for (const g of groups) {
    for (const c of ix.commands.get(g)!.values()) {
      // Object flags also complete their fields, in kebab case: `--notification-channel.subject-prefix`.
      const all = c.flags.flatMap((f) => [
        { flag: `--${f.flag}`, type: f.type, choices: f.choices },
        ...(f.properties ?? []).map((p) => ({
          flag: `--${f.flag}.${p.flag ?? p.name}`,
          type: p.type,
          choices: p.choices,
        })),
      ]);
      for (const f of all) if (f.type === 'boolean') booleans.add(f.flag);
      flags.push({
        group: g,
        command: c.command,
        flags: all.map((f) => f.flag),
        choices: all.filter((f) => f.choices?.length).map((f) => ({ flag: f.flag, values: f.choices!.map(String) })),
        // Upload flags complete file names (with or without the leading @).
        files: c.flags.filter((f) => f.type === 'file' || f.items === 'file' || f.upload).map((f) => `--${f.flag}`),
      });
    }
  }
  return {
    groups,
    commands: groups.map((g) => ({ group: g, names: [...ix.commands.get(g)!.keys()] })),
    flags,
    globals: ix.globals.map((g) => `--${g.flag}`),
    globalChoices: [{ flag: '--format', values: FORMATS }],
    booleans: [...booleans].sort(),
  };
}

export function completionScript(shell: string, ix: TableIndex): string | undefined {
  const m = model(ix);
  const bin = ix.table.bin;
  if (shell === 'bash') return bash(m, bin);
  if (shell === 'zsh') return zsh(m, bin);
  if (shell === 'fish') return fish(m, bin);
  return undefined;
}

/** The shared bash/zsh body: find group, command and the previous word, then fill `opts`. */
function posixCases(m: Model, v: { group: string; cmd: string; prev: string; out: string }): string {
  const lines: string[] = [];
  lines.push(`  case "$${v.prev}" in`);
  for (const gc of m.globalChoices) lines.push(`    ${gc.flag}) ${v.out}=${sq(gc.values.join(' '))}; return 0 ;;`);
  lines.push(`  esac`);
  lines.push(`  if [ -z "$${v.group}" ]; then ${v.out}=${sq(m.groups.join(' ') + ' completion')}; return 0; fi`);
  lines.push(`  if [ "$${v.group}" = completion ]; then ${v.out}='bash zsh fish'; return 0; fi`);
  lines.push(`  if [ -z "$${v.cmd}" ]; then`);
  lines.push(`    case "$${v.group}" in`);
  for (const c of m.commands) lines.push(`      ${sq(c.group)}) ${v.out}=${sq(c.names.join(' '))} ;;`);
  lines.push(`    esac`);
  lines.push(`    return 0`);
  lines.push(`  fi`);
  lines.push(`  case "$${v.group} $${v.cmd} $${v.prev}" in`);
  for (const f of m.flags)
    for (const ch of f.choices)
      lines.push(`    ${sq(`${f.group} ${f.command} ${ch.flag}`)}) ${v.out}=${sq(ch.values.join(' '))}; return 0 ;;`);
  for (const f of m.flags)
    for (const flag of f.files)
      lines.push(`    ${sq(`${f.group} ${f.command} ${flag}`)}) ${v.out}=@files; return 0 ;;`);
  lines.push(`  esac`);
  lines.push(`  case "$${v.group} $${v.cmd}" in`);
  for (const f of m.flags) lines.push(`    ${sq(`${f.group} ${f.command}`)}) ${v.out}=${sq(f.flags.join(' '))} ;;`);
  lines.push(`  esac`);
  lines.push(`  ${v.out}="$${v.out} ${m.globals.join(' ')}"`);
  return lines.join('\n');
}

function bash(m: Model, bin: string): string {
  const fn = fnName(bin);
  return `# bash completion for ${bin}. Load with: source <(${bin} completion bash)
${fn}_opts() {
  # Sets opts from group, cmd and prev.
${posixCases(m, { group: 'group', cmd: 'cmd', prev: 'prev', out: 'opts' })}
}
${fn}() {
  local line="\${COMP_LINE:0:COMP_POINT}"
  local -a toks
  read -ra toks <<< "$line"
  local cur=""
  if [[ "$line" != *" " ]]; then cur="\${toks[\${#toks[@]}-1]}"; unset 'toks[\${#toks[@]}-1]'; fi
  local group="" cmd="" prev="" skip=0 t i
  local bools=" ${m.booleans.join(' ')} "
  for ((i = 1; i < \${#toks[@]}; i++)); do
    t="\${toks[i]}"
    prev="$t"
    if ((skip)); then skip=0; continue; fi
    case "$t" in
      --*=*) continue ;;
      --*) [[ "$bools" == *" $t "* ]] || skip=1; continue ;;
    esac
    if [[ -z "$group" ]]; then group="$t"; elif [[ -z "$cmd" ]]; then cmd="$t"; fi
  done
  ((skip)) || prev=""
  local opts=""
  if [[ "$prev" == --data || "$prev" == --output ]]; then opts=@files; else ${fn}_opts; fi
  if [[ "$opts" == @files ]]; then
    COMPREPLY=($(compgen -f -- "\${cur#@}"))
    if [[ "$cur" == @* ]]; then COMPREPLY=("\${COMPREPLY[@]/#/@}"); fi
    return 0
  fi
  COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  # ':' is a word break in bash: drop the already-typed part up to the last colon.
  if [[ "$cur" == *:* && "$COMP_WORDBREAKS" == *:* ]]; then
    local colon_prefix="\${cur%"\${cur##*:}"}"
    local k
    for k in "\${!COMPREPLY[@]}"; do COMPREPLY[k]="\${COMPREPLY[k]#"$colon_prefix"}"; done
  fi
}
complete -o default -F ${fn} ${bin}
`;
}

function zsh(m: Model, bin: string): string {
  const fn = fnName(bin);
  return `#compdef ${bin}
# zsh completion for ${bin}. Load with: source <(${bin} completion zsh)
${fn}_opts() {
${posixCases(m, { group: 'group', cmd: 'cmd', prev: 'prev', out: 'opts' })}
}
${fn}() {
  local group="" cmd="" prev="" skip=0 t i opts=""
  local bools=" ${m.booleans.join(' ')} "
  for (( i = 2; i < CURRENT; i++ )); do
    t="\${words[i]}"
    prev="$t"
    if (( skip )); then skip=0; continue; fi
    case "$t" in
      --*=*) continue ;;
      --*) [[ "$bools" == *" $t "* ]] || skip=1; continue ;;
    esac
    if [[ -z "$group" ]]; then group="$t"; elif [[ -z "$cmd" ]]; then cmd="$t"; fi
  done
  (( skip )) || prev=""
  if [[ "$prev" == --data || "$prev" == --output ]]; then opts=@files; else ${fn}_opts; fi
  if [[ "$opts" == @files ]]; then compset -P '@'; _files; return; fi
  compadd -- \${=opts}
}
if (( $+functions[compdef] )); then compdef ${fn} ${bin}; fi
`;
}

function fish(m: Model, bin: string): string {
  const fn = fnName(bin).slice(1);
  const lines: string[] = [];
  lines.push(`# fish completion for ${bin}. Load with: ${bin} completion fish | source`);
  lines.push(`function __${fn}_state`);
  lines.push(`    set -l toks (commandline -opc)`);
  lines.push(`    set -e toks[1]`);
  lines.push(`    set -l group ''`);
  lines.push(`    set -l cmd ''`);
  lines.push(`    set -l skip 0`);
  lines.push(`    set -l bools ${m.booleans.map(fq).join(' ')}`);
  lines.push(`    for t in $toks`);
  lines.push(`        if test $skip = 1`);
  lines.push(`            set skip 0`);
  lines.push(`            continue`);
  lines.push(`        end`);
  lines.push(`        switch $t`);
  lines.push(`            case '--*=*'`);
  lines.push(`                continue`);
  lines.push(`            case '--*'`);
  lines.push(`                if not contains -- $t $bools`);
  lines.push(`                    set skip 1`);
  lines.push(`                end`);
  lines.push(`                continue`);
  lines.push(`        end`);
  lines.push(`        if test -z "$group"`);
  lines.push(`            set group $t`);
  lines.push(`        else if test -z "$cmd"`);
  lines.push(`            set cmd $t`);
  lines.push(`        end`);
  lines.push(`    end`);
  lines.push(`    echo "$group|$cmd"`);
  lines.push(`end`);
  lines.push(`function __${fn}_at`);
  lines.push(`    test (__${fn}_state) = "$argv[1]"`);
  lines.push(`end`);
  lines.push(`complete -c ${bin} -f`);
  lines.push(`complete -c ${bin} -n ${fq(`__${fn}_at '|'`)} -a ${fq([...m.groups, 'completion'].join(' '))}`);
  lines.push(`complete -c ${bin} -n ${fq(`__${fn}_at 'completion|'`)} -a 'bash zsh fish'`);
  for (const c of m.commands)
    lines.push(`complete -c ${bin} -n ${fq(`__${fn}_at ${sq(c.group + '|')}`)} -a ${fq(c.names.join(' '))}`);
  for (const f of m.flags) {
    const cond = fq(`__${fn}_at ${sq(`${f.group}|${f.command}`)}`);
    for (const flag of f.flags) {
      const ch = f.choices.find((x) => x.flag === flag);
      const bool = m.booleans.includes(flag);
      lines.push(
        `complete -c ${bin} -n ${cond} -l ${flag.slice(2)}${ch ? ` -xa ${fq(ch.values.join(' '))}` : bool ? '' : f.files.includes(flag) ? ' -rF' : ' -r'}`,
      );
    }
  }
  for (const g of m.globals) {
    const ch = m.globalChoices.find((x) => x.flag === g);
    const bool = m.booleans.includes(g);
    lines.push(
      `complete -c ${bin} -l ${g.slice(2)}${ch ? ` -xa ${fq(ch.values.join(' '))}` : g === '--data' || g === '--output' ? ' -rF' : bool ? '' : ' -r'}`,
    );
  }
  return lines.join('\n') + '\n';
}
