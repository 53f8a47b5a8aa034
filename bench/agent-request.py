#!/usr/bin/env python3
"""Writes a coding agent's chat request, the size agents send (about 80 KB), for bench/peers.sh's
agent mode: a system prompt of instructions, 18 tools with JSON schemas, a task, and 20 turns of
tool calls and their results (source files, listings). Deterministic (seeded); the model is the
placeholder "MODEL", which bench/chat.lua replaces.
Usage: bench/agent-request.py > bench/agent-request.json (the copy peers.sh and UpstreamBodyBench read)"""
import json
import random

random.seed(14)
WORDS = ('the request gateway provider model route budget ledger stream token cache key policy data '
         'fallback retry timeout health price usage cost client server config file test build module '
         'function value error path index query table user session tool answer prompt chunk event').split()
NAMES = ['read_file', 'write_file', 'edit_file', 'list_dir', 'grep', 'glob', 'run_command', 'run_tests',
         'git_diff', 'git_log', 'web_fetch', 'todo_write', 'ask_user', 'find_symbol', 'open_pr',
         'read_logs', 'format_code', 'task']


def sentence(n):
    words = [random.choice(WORDS) for _ in range(n)]
    return ' '.join(words).capitalize() + '.'


def prose(sentences):
    return ' '.join(sentence(random.randint(8, 20)) for _ in range(sentences))


def source_file(functions):
    lines = [f'package dev.example.{random.choice(WORDS)};', '']
    for i in range(functions):
        name, arg = random.choice(WORDS), random.choice(WORDS)
        lines += [f'  /** {sentence(10)} */',
                  f'  static long {name}{i}(Map<String, Long> {arg}) {{',
                  f'    if ({arg}.isEmpty()) {{ throw new IllegalStateException("no {arg}: \\"{name}\\""); }}',
                  f'    return {arg}.getOrDefault("{random.choice(WORDS)}", {i}L) * {random.randint(2, 99)};',
                  '  }', '']
    return '\n'.join(lines)


def tool(name):
    return {'type': 'function', 'function': {
        'name': name, 'description': prose(3),
        'parameters': {'type': 'object', 'properties': {
            'path': {'type': 'string', 'description': sentence(12)},
            'pattern': {'type': 'string', 'description': sentence(10)},
            'limit': {'type': 'integer', 'minimum': 1, 'description': sentence(8)}},
            'required': ['path'], 'additionalProperties': False}}}


messages = [{'role': 'system', 'content': 'You are a coding agent working in a repository. ' + prose(90)},
            {'role': 'user', 'content': 'Fix the failing test in the ledger module. ' + prose(3)}]
for turn in range(20):
    name = NAMES[turn % len(NAMES)]
    call = f'call_{turn:02d}'
    arguments = {'path': f'src/main/java/dev/example/{random.choice(WORDS)}/{random.choice(WORDS)}.java'}
    messages.append({'role': 'assistant', 'content': sentence(14), 'tool_calls': [
        {'id': call, 'type': 'function', 'function': {'name': name, 'arguments': json.dumps(arguments)}}]})
    messages.append({'role': 'tool', 'tool_call_id': call, 'content': source_file(9)})
body = {'model': 'MODEL', 'messages': messages, 'tools': [tool(n) for n in NAMES],
        'tool_choice': 'auto', 'temperature': 0.2, 'max_tokens': 1024}
print(json.dumps(body))
