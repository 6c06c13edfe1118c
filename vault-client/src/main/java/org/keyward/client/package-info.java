package org.keyward.client;
