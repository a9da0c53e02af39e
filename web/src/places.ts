// Places a person can pick instead of tapping the map (Seoul, where the system's fares are set).
import type { Place } from './api';

export const knownPlaces: Place[] = [
  { address: 'Seoul City Hall', lat: 37.5663, lng: 126.9779 },
  { address: 'Seoul Station', lat: 37.5547, lng: 126.9707 },
  { address: 'Gangnam Station', lat: 37.4979, lng: 127.0276 },
  { address: 'Hongik University', lat: 37.5572, lng: 126.9245 },
  { address: 'COEX', lat: 37.5116, lng: 127.0594 },
  { address: 'Yeouido Park', lat: 37.5259, lng: 126.9226 },
  { address: 'Itaewon Station', lat: 37.5345, lng: 126.9946 },
  { address: 'Jamsil Station', lat: 37.5133, lng: 127.1001 },
  { address: 'Dongdaemun Design Plaza', lat: 37.5663, lng: 127.0092 },
  { address: 'Gimpo Airport', lat: 37.5587, lng: 126.7945 },
];
