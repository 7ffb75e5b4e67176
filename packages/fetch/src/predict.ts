import type { Classification } from '@corskit/core';
import type { Input, KyInstance, Options } from 'ky';
import { PREDICT_KEY } from './plan.js';
import type { PredictOptions } from './typed.js';

/**
 * Runs the call through ky as far as its fetch (json, searchParams, headers, init and beforeRequest
 * hooks, upload progress) and returns @corskit/core's classification of the Request ky built.
 * Nothing is sent; afterResponse and beforeError hooks do not run.
 */
export async function predict(
  instance: KyInstance,
  input: Input,
  options: PredictOptions<unknown> = {},
): Promise<Classification> {
  let prediction: Classification | undefined;
  const { responseType, ...callOptions } = options;
  const pending = instance(input, {
    ...callOptions,
    [PREDICT_KEY]: (classification: Classification) => {
      prediction = classification;
    },
  } as Options);
  const read = responseType === undefined ? undefined : pending[responseType];
  try {
    await (read ? read() : pending);
  } catch (error) {
    if (prediction === undefined) throw error;
  }
  if (prediction === undefined) {
    throw new TypeError('corskit: a beforeRequest hook answers this call itself, so no request is sent.');
  }
  return prediction;
}
