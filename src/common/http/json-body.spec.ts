import { AppError } from '../errors/app-error.js';
import { checkJsonShape } from './json-body.js';

const limits = { maxDepth: 3, maxKeys: 4 };
const codeOf = (text: string) => {
  try {
    checkJsonShape(text, limits);
    return 'OK';
  } catch (error) {
    return (error as AppError).code;
  }
};

describe('checkJsonShape', () => {
  it('counts nesting of objects and arrays', () => {
    expect(codeOf('{"a":[{"b":1}]}')).toBe('OK');
    expect(codeOf('{"a":[{"b":[1]}]}')).toBe('JSON_TOO_DEEP');
    expect(codeOf('[[[[]]]]')).toBe('JSON_TOO_DEEP');
  });

  it('counts object members across the whole body', () => {
    expect(codeOf('[{"a":1,"b":2},{"c":3,"d":4}]')).toBe('OK');
    expect(codeOf('[{"a":1,"b":2},{"c":3,"d":4,"e":5}]')).toBe('JSON_TOO_MANY_KEYS');
  });

  it('ignores brackets, colons and escaped quotes inside strings', () => {
    expect(codeOf('{"a":"[[[[{{{{::::::\\"]]]]"}')).toBe('OK');
    expect(codeOf('{"a\\\\":"\\\\"}')).toBe('OK');
  });
});
