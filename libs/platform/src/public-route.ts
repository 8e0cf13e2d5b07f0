import { SetMetadata } from '@nestjs/common';

/** Same key as the API's @Public(): no sign-in for health and metrics. */
export const PUBLIC_ROUTE = () => SetMetadata('sen:public', true);
