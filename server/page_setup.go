package server

func (s *Server) setupPages() []pageRoute { return nil }
